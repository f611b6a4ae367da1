//! The saved workspace: scopes, several works, JSON round trips and load errors.

use baosong::core::contest::{builtin, FieldRole, Severity};
use baosong::core::inspection::{inspect, Fingerprint, SliceSource};
use baosong::core::submission::text::{fold_controls, strip_invisible};
use baosong::core::submission::{
    validate_field, Attachment, FieldError, LoadError, TextError, TickList, VideoSummary,
    Workspace, WorkspaceError, SCHEMA_VERSION,
};

const HOSTILE: [&str; 8] = [
    "<img src=x onerror=alert(1)>",
    "&amp; &lt;b&gt; \"quoted\" 'single' \\ backslash",
    "科学家精神 👩‍🔬🚀",
    "\u{202E}RTL override\u{202C} and \u{200F}mark",
    "</textarea><script>alert('x')</script>",
    "  leading and trailing spaces kept as typed\u{3000} ",
    "line one\r\nline two\ttab\u{0007}bell",
    "\u{FEFF}\u{200B}\u{2028}\u{10FFFF}",
];

#[test]
fn new_workspace_is_empty_and_tagged() {
    let def = builtin();
    let ws = Workspace::new(&def);
    assert_eq!(ws.schema, SCHEMA_VERSION);
    assert_eq!(ws.contest_id, def.id);
    assert!(ws.works.is_empty());
    assert_eq!(ws.selected, None);
}

#[test]
fn two_works_share_unit_data() {
    let def = builtin();
    let mut ws = Workspace::new(&def);
    ws.add_work("w1");
    ws.add_work("w2");
    assert_eq!(ws.selected.as_deref(), Some("w2"));
    ws.set_value(&def, Some("w1"), "unit_name", "重庆某某科技有限公司", 0)
        .unwrap();
    ws.set_value(&def, None, "address", "重庆市渝中区某路 1 号", 0)
        .unwrap();
    ws.set_value(&def, Some("w1"), "work_title", "第一部", 0)
        .unwrap();
    ws.set_value(&def, Some("w2"), "work_title", "第二部", 0)
        .unwrap();

    for id in ["w1", "w2"] {
        assert_eq!(
            ws.value(&def, Some(id), "unit_name"),
            "重庆某某科技有限公司"
        );
        assert_eq!(ws.value(&def, Some(id), "address"), "重庆市渝中区某路 1 号");
    }
    assert_eq!(ws.value(&def, Some("w1"), "work_title"), "第一部");
    assert_eq!(ws.value(&def, Some("w2"), "work_title"), "第二部");
    assert_eq!(ws.value(&def, None, "work_title"), "");
    assert_eq!(ws.value(&def, Some("w1"), "no_such_field"), "");
    // Unit values live on the unit only, not copied into works.
    assert!(!ws.work("w1").unwrap().values.contains_key("unit_name"));
    assert_eq!(ws.unit.values.len(), 2);

    // Changing the unit once changes it for every work.
    ws.set_value(&def, Some("w2"), "unit_name", "新名称", 0)
        .unwrap();
    assert_eq!(ws.value(&def, Some("w1"), "unit_name"), "新名称");
}

#[test]
fn set_value_errors() {
    let def = builtin();
    let mut ws = Workspace::new(&def);
    ws.add_work("w1");
    assert_eq!(
        ws.set_value(&def, Some("w1"), "nope", "x", 0),
        Err(WorkspaceError::UnknownField { id: "nope".into() })
    );
    assert_eq!(
        ws.set_value(&def, None, "work_title", "x", 0),
        Err(WorkspaceError::UnknownWork { id: None })
    );
    assert_eq!(
        ws.set_value(&def, Some("w9"), "work_title", "x", 0),
        Err(WorkspaceError::UnknownWork {
            id: Some("w9".into())
        })
    );
}

#[test]
fn add_existing_and_remove_works() {
    let def = builtin();
    let mut ws = Workspace::new(&def);
    ws.add_work("a");
    ws.set_value(&def, Some("a"), "work_title", "保留", 0)
        .unwrap();
    // Adding an existing id keeps its data.
    assert_eq!(ws.add_work("a").value("work_title"), "保留");
    assert_eq!(ws.works.len(), 1);
    ws.add_work("b");
    ws.add_work("c");
    ws.selected = Some("b".into());
    assert_eq!(ws.remove_work("b").unwrap().id, "b");
    assert_eq!(ws.selected.as_deref(), Some("c"));
    ws.remove_work("c");
    assert_eq!(ws.selected.as_deref(), Some("a"));
    assert!(ws.remove_work("zzz").is_none());
    ws.remove_work("a");
    assert_eq!(ws.selected, None);
    assert!(ws.selected_work().is_none());
}

#[test]
fn hostile_strings_roundtrip_byte_identical() {
    let def = builtin();
    let mut ws = Workspace::new(&def);
    let fields = [
        "unit_name",
        "work_title",
        "address",
        "summary",
        "contact_name",
    ];
    for (i, s) in HOSTILE.iter().enumerate() {
        let id = format!("{s}#{i}"); // hostile work ids too
        ws.add_work(id.clone());
        for f in fields {
            ws.set_value(&def, Some(&id), f, *s, 0).unwrap();
        }
        let w = ws.work_mut(&id).unwrap();
        w.pledge.legal_representative = s.to_string();
        w.pledge.date = s.to_string();
        w.pledge.promises.insert(s.to_string(), true);
        w.self_checks.insert(s.to_string(), false);
        w.pledge.scan = Some(Attachment {
            key: s.to_string(),
            name: s.to_string(),
            mime: "application/pdf".into(),
            size: u64::MAX,
        });
        w.video = Some(VideoSummary {
            file_name: s.to_string(),
            size: 1,
            verdict: Some(Severity::Pass),
            sha256: Some("ab".repeat(32)),
            report: None,
            precheck: None,
        });
    }
    ws.unit.district = HOSTILE[0].into();
    ws.unit.eligibility.insert(HOSTILE[3].into(), true);

    let json = ws.to_json();
    let back = Workspace::from_json(&json).unwrap();
    assert_eq!(back, ws);
    assert_eq!(back.to_json(), json);
    for (i, s) in HOSTILE.iter().enumerate() {
        let id = format!("{s}#{i}");
        let w = back.work(&id).unwrap();
        // Typed values lose only their direction controls (refused where they are typed) and
        // have pasted layout folded (one space in a single-line field, `\n` in the summary);
        // everything else, and what was set directly, round-trips byte for byte.
        let typed = strip_invisible(s, false).0;
        assert_eq!(
            w.value("work_title").as_bytes(),
            fold_controls(&typed, false).as_bytes()
        );
        assert_eq!(w.pledge.legal_representative.as_bytes(), s.as_bytes());
        assert_eq!(
            back.value(&def, Some(&id), "summary").as_bytes(),
            fold_controls(&typed, true).as_bytes()
        );
    }
}

#[test]
fn long_strings_survive() {
    let def = builtin();
    let mut ws = Workspace::new(&def);
    ws.add_work("w");
    let long = "长".repeat(100_000);
    ws.set_value(&def, Some("w"), "summary", long.clone(), 0)
        .unwrap();
    let back = Workspace::from_json(&ws.to_json()).unwrap();
    assert_eq!(back.value(&def, Some("w"), "summary"), long);
}

#[test]
fn older_saves_with_missing_fields_load() {
    let minimal = r#"{"schema":1}"#;
    let ws = Workspace::from_json(minimal).unwrap();
    assert!(ws.works.is_empty());
    let partial = r#"{"schema":1,"contest_id":"cq-2023-kxjjs",
        "unit":{"district":"渝中区"},
        "works":[{"id":"w1","values":{"work_title":"旧作"}}],
        "some_future_field":[1,2,3]}"#;
    let ws = Workspace::from_json(partial).unwrap();
    assert_eq!(ws.unit.district, "渝中区");
    let w = ws.work("w1").unwrap();
    assert_eq!(w.value("work_title"), "旧作");
    assert!(w.pledge.scan.is_none());
    assert!(w.video.is_none());
}

#[test]
fn garbage_and_foreign_documents_give_typed_errors() {
    for garbage in [
        "",
        "not json",
        "{\"schema\":1",
        "\u{0}\u{1}",
        "{\"schema\":1,}",
    ] {
        let err = Workspace::from_json(garbage).unwrap_err();
        assert!(
            matches!(err, LoadError::Corrupt { .. }),
            "{garbage:?}: {err:?}"
        );
        assert!(err.to_string().starts_with("保存的数据已损坏"));
    }
    for foreign in [
        "[]",
        "42",
        "null",
        "{}",
        r#"{"name":"x"}"#,
        r#"{"schema":"1"}"#,
        r#"{"schema":0}"#,
    ] {
        assert_eq!(
            Workspace::from_json(foreign),
            Err(LoadError::Foreign),
            "{foreign}"
        );
    }
    assert_eq!(
        Workspace::from_json(r#"{"schema":1,"works":"oops"}"#)
            .map(|_| ())
            .map_err(|e| matches!(e, LoadError::Corrupt { .. })),
        Err(true)
    );
    let newer = Workspace::from_json(r#"{"schema":2,"works":{"new":"layout"}}"#).unwrap_err();
    assert_eq!(newer, LoadError::NewerVersion { found: 2 });
    assert!(newer.to_string().contains("更新版本"));
}

#[test]
fn pledge_text_fills_normalised_code() {
    let def = builtin();
    let mut ws = Workspace::new(&def);
    ws.set_value(&def, None, "unit_name", " 重庆某某科技有限公司 ", 0)
        .unwrap();
    ws.set_value(&def, None, "credit_code", "9150 0000 2028 0338 48", 0)
        .unwrap();
    let text = ws.pledge_text(&def);
    assert!(text.contains("我单位重庆某某科技有限公司（统一社会信用代码为915000002028033848）"));
    // Stored raw, as typed.
    assert_eq!(ws.unit.value("credit_code"), "9150 0000 2028 0338 48");
}

#[test]
fn video_summary_takes_verdict_size_and_fingerprint_from_the_inspection() {
    let mut report = pollster::block_on(inspect(
        &SliceSource(b"not a video".to_vec()),
        &builtin().video,
    ));
    report.fingerprint = Some(Fingerprint {
        sha256: "cd".repeat(32),
        crc32: 7,
        size: 11,
    });
    let s = VideoSummary::from_inspection("a.mp4", 11, report.clone());
    assert_eq!(s.verdict, Some(Severity::Fail));
    assert_eq!((s.file_name.as_str(), s.size), ("a.mp4", 11));
    assert_eq!(s.sha256, Some("cd".repeat(32)));
    assert_eq!(s.report, Some(report));
}

// ---- roles ----

#[test]
fn pledge_text_and_role_values_follow_roles_not_ids() {
    let mut def = builtin();
    for f in &mut def.form.fields {
        f.id = format!("x_{}", f.id);
    }
    let mut ws = Workspace::fresh(&def, "w1", 0);
    ws.set_value(&def, None, "x_unit_name", "重庆某某科技有限公司", 0)
        .unwrap();
    ws.set_value(&def, None, "x_credit_code", "9150 0000 2028 0338 48", 0)
        .unwrap();
    ws.set_value(&def, Some("w1"), "x_work_title", "科学家的一天", 0)
        .unwrap();
    assert!(ws
        .pledge_text(&def)
        .contains("我单位重庆某某科技有限公司（统一社会信用代码为915000002028033848）"));
    assert_eq!(
        ws.role_value(&def, Some("w1"), FieldRole::WorkTitle),
        "科学家的一天"
    );
    assert_eq!(ws.role_value(&def, None, FieldRole::WorkTitle), "");
    assert_eq!(
        ws.role_value(&def, Some("w1"), FieldRole::UnitName),
        "重庆某某科技有限公司"
    );
    // A definition without the role (built in code, not loaded) reads as blank.
    def.form
        .fields
        .retain(|f| f.role != Some(FieldRole::Summary));
    assert_eq!(ws.role_value(&def, Some("w1"), FieldRole::Summary), "");
}

// ---- verdict and old video summaries ----

#[test]
fn verdict_serialises_as_before_and_unknown_is_left_out() {
    let mut s = VideoSummary {
        file_name: "a.mp4".into(),
        size: 1,
        verdict: Some(Severity::Warn),
        ..VideoSummary::default()
    };
    let json = serde_json::to_value(&s).unwrap();
    assert_eq!(json["verdict"], "warn");
    s.verdict = None;
    let json = serde_json::to_value(&s).unwrap();
    // Absent rather than null: an older build reads a missing verdict as "unknown".
    assert!(json.get("verdict").is_none());
    let back: VideoSummary = serde_json::from_value(json).unwrap();
    assert_eq!(back, s);
}

#[test]
fn old_saves_with_removed_video_fields_and_any_verdict_load() {
    let old = r#"{"schema":1,"contest_id":"cq-2023-kxjjs","works":[
        {"id":"a","video":{"file_name":"作品.mp4","size":5,"verdict":"pass","sha256":null,
            "duration_seconds":200.5,"width":1920,"height":1080,"checked_ms":1700000000000,
            "report":null}},
        {"id":"b","video":{"file_name":"b.mp4","size":5,"verdict":"maybe"}},
        {"id":"c","video":{"file_name":"c.mp4","size":5,"verdict":7,"report":{"shape":"new"}}},
        {"id":"d","video":{"file_name":"d.mp4","size":5,"verdict":"FAIL"}}
    ]}"#;
    let ws = Workspace::from_json(old).unwrap();
    let verdict = |id: &str| ws.work(id).unwrap().video.as_ref().unwrap().verdict;
    assert_eq!(verdict("a"), Some(Severity::Pass));
    assert_eq!(verdict("b"), None);
    assert_eq!(verdict("c"), None);
    assert_eq!(verdict("d"), Some(Severity::Fail));
    let a = ws.work("a").unwrap().video.as_ref().unwrap();
    assert_eq!((a.file_name.as_str(), a.size), ("作品.mp4", 5));
    // A report this build cannot read is dropped, not the whole save.
    assert_eq!(ws.work("c").unwrap().video.as_ref().unwrap().report, None);
    // Written back without the removed fields.
    let json = ws.to_json();
    for gone in ["duration_seconds", "checked_ms", "\"width\"", "\"height\""] {
        assert!(!json.contains(gone), "{gone}");
    }
}

// ---- the write path ----

#[test]
fn set_value_stamps_the_work_only_when_a_work_value_changes() {
    let def = builtin();
    let mut ws = Workspace::fresh(&def, "w1", 10);
    ws.set_value(&def, Some("w1"), "work_title", "标题", 20)
        .unwrap();
    assert_eq!(ws.work("w1").unwrap().updated_ms, 20);
    ws.set_value(&def, Some("w1"), "work_title", "标题", 30)
        .unwrap();
    assert_eq!(ws.work("w1").unwrap().updated_ms, 20, "unchanged value");
    ws.set_value(&def, Some("w1"), "unit_name", "单位", 40)
        .unwrap();
    assert_eq!(ws.work("w1").unwrap().updated_ms, 20, "unit value");
    assert_eq!(ws.work("w1").unwrap().created_ms, 10);
}

#[test]
fn select_and_selected_work_mut() {
    let def = builtin();
    let mut ws = Workspace::fresh(&def, "a", 0);
    ws.add_work("b");
    assert!(ws.select("a"));
    assert_eq!(ws.selected.as_deref(), Some("a"));
    assert!(!ws.select("nope"));
    assert_eq!(ws.selected.as_deref(), Some("a"), "unchanged");
    ws.selected_work_mut().unwrap().pledge.date = "2023-05-20".into();
    assert_eq!(ws.work("a").unwrap().pledge.date, "2023-05-20");
    ws.selected = Some("gone".into());
    assert!(ws.selected_work_mut().is_none());
    ws.selected = None;
    assert!(ws.selected_work_mut().is_none());
}

#[test]
fn edit_work_changes_the_named_work_not_the_selected_one() {
    let def = builtin();
    let mut ws = Workspace::fresh(&def, "a", 0);
    ws.add_work("b");
    ws.select("b");
    assert!(ws.edit_work("a", 50, |w| {
        w.pledge.legal_representative = "李四".into();
        // Renaming through an edit is undone: ids are keys.
        w.id = "b".into();
    }));
    let a = ws.work("a").unwrap();
    assert_eq!(
        (a.pledge.legal_representative.as_str(), a.updated_ms),
        ("李四", 50)
    );
    assert_eq!(ws.work("b").unwrap().pledge.legal_representative, "");
    assert_eq!(ws.selected.as_deref(), Some("b"));
    assert!(!ws.edit_work("zzz", 60, |_| panic!("not called")));
}

#[test]
fn tick_lists() {
    let def = builtin();
    let mut ws = Workspace::fresh(&def, "a", 0);
    ws.add_work("b");
    // Eligibility is the unit's: no work needed, shared by all.
    ws.set_tick(TickList::Eligibility, None, "R-ELIG-2", true, 5)
        .unwrap();
    for w in [None, Some("a"), Some("b"), Some("nope")] {
        assert_eq!(
            ws.ticks(TickList::Eligibility, w).unwrap().get("R-ELIG-2"),
            Some(&true)
        );
    }
    assert_eq!(ws.work("a").unwrap().updated_ms, 0);

    ws.set_tick(TickList::Promises, Some("a"), "R-FORM-2.1", true, 7)
        .unwrap();
    ws.set_tick(TickList::SelfChecks, Some("b"), "R-VID-7", true, 8)
        .unwrap();
    assert!(ws.work("a").unwrap().pledge.promises["R-FORM-2.1"]);
    assert_eq!(ws.work("a").unwrap().updated_ms, 7);
    assert!(ws.work("b").unwrap().self_checks["R-VID-7"]);
    assert_eq!(ws.work("b").unwrap().updated_ms, 8);
    assert!(ws.ticks(TickList::Promises, Some("b")).unwrap().is_empty());
    assert_eq!(
        ws.ticks(TickList::SelfChecks, Some("b"))
            .unwrap()
            .get("R-VID-7"),
        Some(&true)
    );
    assert_eq!(ws.ticks(TickList::Promises, None), None);
    assert_eq!(ws.ticks(TickList::SelfChecks, Some("nope")), None);

    // Setting the same tick again is no change.
    ws.set_tick(TickList::SelfChecks, Some("b"), "R-VID-7", true, 9)
        .unwrap();
    assert_eq!(ws.work("b").unwrap().updated_ms, 8);
    ws.set_tick(TickList::SelfChecks, Some("b"), "R-VID-7", false, 10)
        .unwrap();
    assert!(!ws.work("b").unwrap().self_checks["R-VID-7"]);

    assert_eq!(
        ws.set_tick(TickList::Promises, None, "R-FORM-2.1", true, 11),
        Err(WorkspaceError::UnknownWork { id: None })
    );
    assert_eq!(
        ws.set_tick(TickList::SelfChecks, Some("nope"), "R-VID-6", true, 11),
        Err(WorkspaceError::UnknownWork {
            id: Some("nope".into())
        })
    );
}

fn summary(name: &str, size: u64) -> VideoSummary {
    let report = pollster::block_on(inspect(
        &SliceSource(b"not a video".to_vec()),
        &builtin().video,
    ));
    VideoSummary::from_inspection(name, size, report)
}

fn fp(size: u64) -> Fingerprint {
    Fingerprint {
        sha256: "ef".repeat(32),
        crc32: 9,
        size,
    }
}

#[test]
fn inspection_and_fingerprint_land_on_the_work_that_started_them() {
    let def = builtin();
    let mut ws = Workspace::fresh(&def, "a", 0);
    ws.add_work("b"); // the user moved on to another work meanwhile
    assert!(ws.attach_inspection("a", summary("a.mp4", 11), 20));
    assert!(ws.work("b").unwrap().video.is_none());
    let a = ws.work("a").unwrap();
    assert_eq!(a.updated_ms, 20);
    assert_eq!(a.video.as_ref().unwrap().verdict, Some(Severity::Fail));
    assert!(!ws.attach_inspection("gone", summary("a.mp4", 11), 21));

    assert!(ws.attach_fingerprint("a", "a.mp4", &fp(11), 30));
    let v = ws.work("a").unwrap().video.clone().unwrap();
    assert_eq!(v.sha256, Some("ef".repeat(32)));
    assert_eq!(v.report.unwrap().fingerprint, Some(fp(11)));
    assert_eq!(ws.work("a").unwrap().updated_ms, 30);
}

#[test]
fn a_fingerprint_of_another_file_is_not_attached() {
    let def = builtin();
    let mut ws = Workspace::fresh(&def, "a", 0);
    ws.attach_inspection("a", summary("new.mp4", 11), 1);
    let before = ws.clone();
    assert!(!ws.attach_fingerprint("a", "old.mp4", &fp(11), 5), "name");
    assert!(!ws.attach_fingerprint("a", "new.mp4", &fp(12), 5), "size");
    assert!(
        !ws.attach_fingerprint("gone", "new.mp4", &fp(11), 5),
        "work"
    );
    ws.add_work("b");
    assert!(
        !ws.attach_fingerprint("b", "new.mp4", &fp(11), 5),
        "no video"
    );
    ws.remove_work("b");
    assert_eq!(ws, before);
    // Without a report only the summary's hash is set.
    ws.edit_work("a", 6, |w| w.video.as_mut().unwrap().report = None);
    assert!(ws.attach_fingerprint("a", "new.mp4", &fp(11), 7));
    assert_eq!(
        ws.work("a").unwrap().video.as_ref().unwrap().sha256,
        Some("ef".repeat(32))
    );
}

// ---- the one load path ----

fn ids(ws: &Workspace) -> Vec<&str> {
    ws.works.iter().map(|w| w.id.as_str()).collect()
}

fn counter() -> impl FnMut() -> String {
    let mut n = 0;
    move || {
        n += 1;
        format!("new{n}")
    }
}

#[test]
fn fresh_has_one_selected_work() {
    let def = builtin();
    let ws = Workspace::fresh(&def, "w1", 99);
    assert_eq!(ws.contest_id, def.id);
    assert_eq!(ids(&ws), ["w1"]);
    assert_eq!(ws.selected.as_deref(), Some("w1"));
    let w = ws.work("w1").unwrap();
    assert_eq!((w.created_ms, w.updated_ms), (99, 99));
}

#[test]
fn imported_json_without_a_selection_selects_the_first_work_and_accepts_typing() {
    let def = builtin();
    let json = r#"{"schema":1,"contest_id":"cq-2023-kxjjs","selected":null,
        "works":[{"id":"w1"},{"id":"w2"}]}"#;
    // The bug: `from_json` alone leaves no selection, so every keystroke was dropped.
    let raw = Workspace::from_json(json).unwrap();
    assert!(raw.selected_work().is_none());

    let mut ws = Workspace::open(json, &def, counter(), 5).unwrap();
    assert_eq!(ws.selected.as_deref(), Some("w1"));
    let selected = ws.selected.clone();
    ws.set_value(&def, selected.as_deref(), "work_title", "新标题", 6)
        .unwrap();
    assert_eq!(ws.work("w1").unwrap().value("work_title"), "新标题");
    assert_eq!(ids(&ws), ["w1", "w2"], "no work added");
}

#[test]
fn open_repairs_what_old_or_hostile_files_break() {
    let def = builtin();
    // No contest, no works: a first work is created and selected.
    let ws = Workspace::open(r#"{"schema":1}"#, &def, counter(), 7).unwrap();
    assert_eq!(ws.contest_id, def.id);
    assert_eq!(ids(&ws), ["new1"]);
    assert_eq!(ws.selected.as_deref(), Some("new1"));
    assert_eq!(ws.work("new1").unwrap().created_ms, 7);
    assert_eq!(ws.work("new1").unwrap().updated_ms, 7);

    // Duplicate ids (the first is kept), an empty id (renamed, data kept), a selection
    // pointing nowhere.
    let json = r#"{"schema":1,"contest_id":"  ","selected":"ghost","works":[
        {"id":"a","values":{"work_title":"第一"}},
        {"id":"","values":{"work_title":"无名"}},
        {"id":"a","values":{"work_title":"重复"}},
        {"id":"b"}]}"#;
    let ws = Workspace::open(json, &def, counter(), 7).unwrap();
    assert_eq!(ids(&ws), ["a", "new1", "b"]);
    assert_eq!(ws.work("a").unwrap().value("work_title"), "第一");
    assert_eq!(ws.work("new1").unwrap().value("work_title"), "无名");
    assert_eq!(ws.selected.as_deref(), Some("a"));
    assert_eq!(ws.contest_id, def.id);

    // A valid selection is kept.
    let json = r#"{"schema":1,"selected":"b","works":[{"id":"a"},{"id":"b"}]}"#;
    let ws = Workspace::open(json, &def, counter(), 7).unwrap();
    assert_eq!(ws.selected.as_deref(), Some("b"));
}

#[test]
fn repair_never_reuses_an_id_even_with_a_stuck_generator() {
    let def = builtin();
    let mut ws = Workspace::new(&def);
    ws.works.push(baosong::core::submission::Work::new("x"));
    ws.works.push(baosong::core::submission::Work::new(""));
    ws.works.push(baosong::core::submission::Work::new(""));
    ws.repair(&def, || "x".to_string(), 1);
    assert_eq!(ids(&ws), ["x", "x-2", "x-3"]);
    let mut ws = Workspace::new(&def);
    ws.repair(&def, String::new, 1);
    assert_eq!(ids(&ws), ["w"]);
    assert_eq!(ws.selected.as_deref(), Some("w"));
}

#[test]
fn another_contests_data_is_refused() {
    let def = builtin();
    let json = r#"{"schema":1,"contest_id":"gxq-2020","works":[{"id":"a"}]}"#;
    let err = Workspace::open(json, &def, counter(), 0).unwrap_err();
    assert_eq!(
        err,
        LoadError::OtherContest {
            found: "gxq-2020".into()
        }
    );
    assert_eq!(
        err.to_string(),
        "这份数据属于另一项大赛（gxq-2020），不能在本大赛中打开"
    );
    // Load errors still come first.
    assert_eq!(
        Workspace::open("[]", &def, counter(), 0),
        Err(LoadError::Foreign)
    );
}

#[test]
fn the_model_sets_unit_and_pledge_values_and_stamps_only_a_change() {
    let def = builtin();
    let mut ws = Workspace::fresh(&def, "w1", 10);
    ws.set_unit_kind("university");
    ws.set_district("渝中区");
    assert_eq!(
        (ws.unit.kind.as_str(), ws.unit.district.as_str()),
        ("university", "渝中区")
    );
    for h in HOSTILE {
        assert!(ws.set_pledge_signer("w1", h, 20));
        assert_eq!(
            ws.work("w1").unwrap().pledge.legal_representative,
            fold_controls(&strip_invisible(h, false).0, false)
        );
    }
    assert!(ws.set_pledge_date("w1", "2023-05-01", 30));
    assert_eq!(ws.work("w1").unwrap().updated_ms, 30);
    // The same value again is no change: the work keeps its time (and its 核验码).
    assert!(ws.set_pledge_date("w1", "2023-05-01", 40));
    assert_eq!(ws.work("w1").unwrap().updated_ms, 30);
    assert!(!ws.set_pledge_signer("gone", "x", 50));
}

#[test]
fn a_restored_work_replaces_its_namesake_or_the_blank_draft() {
    let def = builtin();
    let mut ws = Workspace::fresh(&def, "blank", 1);
    let mut unit = ws.unit.clone();
    unit.district = "江北区".into();
    let mut work = ws.work("blank").unwrap().clone();
    work.id = "from-package".into();
    work.values
        .insert("work_title".into(), "科学家的一天".into());
    assert_eq!(ws.restore_work(unit.clone(), work.clone()), "from-package");
    // The fresh browser's one empty draft made room for it.
    assert_eq!(ws.works.len(), 1);
    assert_eq!(ws.selected.as_deref(), Some("from-package"));
    assert_eq!(ws.unit.district, "江北区");
    // Restoring the same work again replaces it, never duplicates it.
    work.values.insert("work_title".into(), "新标题".into());
    ws.restore_work(unit, work);
    assert_eq!(ws.works.len(), 1);
    assert_eq!(ws.works[0].value("work_title"), "新标题");
}

#[test]
fn direction_controls_are_refused_where_typed_and_zero_width_in_the_unit_name_and_code() {
    let def = builtin();
    let mut ws = Workspace::fresh(&def, "w1", 0);
    // “王建国” typed with an override prints “国建王”: the override goes, and is counted.
    assert_eq!(
        ws.set_value(&def, Some("w1"), "work_title", "\u{202E}王建国\u{202C}", 1),
        Ok(2)
    );
    assert_eq!(ws.value(&def, Some("w1"), "work_title"), "王建国");
    for c in [
        '\u{202A}', '\u{202B}', '\u{202D}', '\u{2066}', '\u{2067}', '\u{2068}', '\u{2069}',
    ] {
        let typed = format!("甲{c}乙");
        assert_eq!(ws.set_value(&def, Some("w1"), "summary", typed, 1), Ok(1));
        assert_eq!(ws.value(&def, Some("w1"), "summary"), "甲乙");
    }
    // Zero-width characters go from the unit name and credit code only; the emoji joiner and
    // the RLM mark are data.
    assert_eq!(
        ws.set_value(
            &def,
            None,
            "unit_name",
            "重庆\u{200B}某某\u{FEFF}公司👩\u{200D}🔬",
            1
        ),
        Ok(2)
    );
    assert_eq!(
        ws.value(&def, None, "unit_name"),
        "重庆某某公司👩\u{200D}🔬"
    );
    assert_eq!(
        ws.set_value(&def, None, "credit_code", "9150\u{2060}00002028033848", 1),
        Ok(1)
    );
    assert_eq!(
        ws.set_value(&def, Some("w1"), "work_title", "作品\u{200B}\u{200F}名", 1),
        Ok(0)
    );
    assert_eq!(
        ws.value(&def, Some("w1"), "work_title"),
        "作品\u{200B}\u{200F}名"
    );
    assert!(ws.set_pledge_signer("w1", "\u{202E}李四", 2));
    assert_eq!(ws.work("w1").unwrap().pledge.legal_representative, "李四");
}

#[test]
fn a_backup_loses_its_direction_controls_on_open_and_says_how_many() {
    let def = builtin();
    let mut ws = Workspace::fresh(&def, "w1", 0);
    ws.set_value(&def, None, "unit_name", "重庆某某公司", 0)
        .unwrap();
    // Written by an older build or by hand: the controls are in the file.
    let json = ws
        .to_json()
        .replace("重庆某某公司", "重庆\u{200B}某某\u{202E}公司");
    let json = json.replace(
        "\"legal_representative\":\"\"",
        "\"legal_representative\":\"\u{2067}李四\"",
    );
    let mut opened = Workspace::from_json(&json).unwrap();
    assert_eq!(opened.strip_invisible(&def), 3);
    assert_eq!(opened.value(&def, None, "unit_name"), "重庆某某公司");
    assert_eq!(
        opened.work("w1").unwrap().pledge.legal_representative,
        "李四"
    );
    assert_eq!(
        opened.strip_invisible(&def),
        0,
        "nothing left the second time"
    );
}

#[test]
fn pasted_line_breaks_and_controls_fold_before_they_reach_paper() {
    let def = builtin();
    let mut ws = Workspace::fresh(&def, "w1", 0);
    // A single-line field: every run of CR, LF, tab, C0/C1 controls, DEL and U+2028/2029,
    // with the spaces around it, becomes one space.
    for (field, pasted, stored) in [
        (
            "address",
            "重庆市沙坪坝区\r\n  大学城中路55号",
            "重庆市沙坪坝区 大学城中路55号",
        ),
        ("work_title", "镁光\t十年\u{2028}", "镁光 十年 "),
        ("contact_name", "李\u{0}晓\u{7F}\u{9F}雯", "李 晓 雯"),
        ("email", "li@example.com\n", "li@example.com "),
    ] {
        assert_eq!(ws.set_value(&def, Some("w1"), field, pasted, 1), Ok(0));
        assert_eq!(ws.value(&def, Some("w1"), field), stored, "{field}");
        let f = def.field(field).unwrap();
        assert!(
            !matches!(
                validate_field(f, stored),
                Err(FieldError::Text(
                    TextError::Newline | TextError::Tab | TextError::ControlChar { .. }
                ))
            ),
            "{field}: nothing left to refuse"
        );
    }
    assert_eq!(
        ws.set_value(&def, None, "unit_name", "重庆某某\u{2029}公司", 1),
        Ok(0)
    );
    assert_eq!(ws.value(&def, None, "unit_name"), "重庆某某 公司");
    assert!(ws.set_pledge_signer("w1", "王\r\n建国", 2));
    assert_eq!(
        ws.work("w1").unwrap().pledge.legal_representative,
        "王 建国"
    );
    // The multi-line summary keeps its line breaks, as \n only.
    ws.set_value(
        &def,
        Some("w1"),
        "summary",
        "第一段。\r\n第二段。\r第三段。\u{2028}第四段\u{1}。",
        3,
    )
    .unwrap();
    assert_eq!(
        ws.value(&def, Some("w1"), "summary"),
        "第一段。\n第二段。\n第三段。\n第四段 。"
    );
    // A backup written before the rule is folded on open, as typing would have; folding
    // removes no visible character, so the count says only what was dropped.
    let json = ws
        .to_json()
        .replace("重庆某某 公司", "重庆某某\\r\\n公司\\u202e")
        .replace("第一段。\\n", "第一段。\\r\\n");
    let mut opened = Workspace::from_json(&json).unwrap();
    assert_eq!(opened.strip_invisible(&def), 1);
    assert_eq!(opened.value(&def, None, "unit_name"), "重庆某某 公司");
    assert!(opened
        .value(&def, Some("w1"), "summary")
        .starts_with("第一段。\n第二段。"));
}
