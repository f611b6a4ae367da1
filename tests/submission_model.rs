//! The saved workspace: scopes, several works, JSON round trips and load errors.

use baosong::core::contest::builtin;
use baosong::core::submission::model::{VERDICT_FAIL, VERDICT_PASS};
use baosong::core::submission::{
    Attachment, LoadError, VideoSummary, Workspace, WorkspaceError, SCHEMA_VERSION,
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
    ws.set_value(&def, Some("w1"), "unit_name", "重庆某某科技有限公司")
        .unwrap();
    ws.set_value(&def, None, "address", "重庆市渝中区某路 1 号")
        .unwrap();
    ws.set_value(&def, Some("w1"), "work_title", "第一部")
        .unwrap();
    ws.set_value(&def, Some("w2"), "work_title", "第二部")
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
    ws.set_value(&def, Some("w2"), "unit_name", "新名称")
        .unwrap();
    assert_eq!(ws.value(&def, Some("w1"), "unit_name"), "新名称");
}

#[test]
fn set_value_errors() {
    let def = builtin();
    let mut ws = Workspace::new(&def);
    ws.add_work("w1");
    assert_eq!(
        ws.set_value(&def, Some("w1"), "nope", "x"),
        Err(WorkspaceError::UnknownField { id: "nope".into() })
    );
    assert_eq!(
        ws.set_value(&def, None, "work_title", "x"),
        Err(WorkspaceError::UnknownWork { id: None })
    );
    assert_eq!(
        ws.set_value(&def, Some("w9"), "work_title", "x"),
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
    ws.set_value(&def, Some("a"), "work_title", "保留").unwrap();
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
            ws.set_value(&def, Some(&id), f, *s).unwrap();
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
            verdict: VERDICT_PASS.into(),
            sha256: Some("ab".repeat(32)),
            duration_seconds: Some(200.5),
            width: Some(1920),
            height: Some(1080),
            checked_ms: Some(1_700_000_000_000),
            report: None,
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
        assert_eq!(w.value("work_title").as_bytes(), s.as_bytes());
        assert_eq!(w.pledge.legal_representative.as_bytes(), s.as_bytes());
        assert_eq!(
            back.value(&def, Some(&id), "summary").as_bytes(),
            s.as_bytes()
        );
    }
}

#[test]
fn long_strings_survive() {
    let def = builtin();
    let mut ws = Workspace::new(&def);
    ws.add_work("w");
    let long = "长".repeat(100_000);
    ws.set_value(&def, Some("w"), "summary", long.clone())
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
    ws.set_value(&def, None, "unit_name", " 重庆某某科技有限公司 ")
        .unwrap();
    ws.set_value(&def, None, "credit_code", "9150 0000 2028 0338 48")
        .unwrap();
    let text = ws.pledge_text(&def);
    assert!(text.contains("我单位重庆某某科技有限公司（统一社会信用代码为915000002028033848）"));
    // Stored raw, as typed.
    assert_eq!(ws.unit.value("credit_code"), "9150 0000 2028 0338 48");
}

#[test]
fn video_summary_takes_verdict_size_and_fingerprint_from_the_inspection() {
    use baosong::core::inspection::{inspect, Fingerprint, SliceSource};
    let mut report = pollster::block_on(inspect(
        &SliceSource(b"not a video".to_vec()),
        &builtin().video,
    ));
    report.fingerprint = Some(Fingerprint {
        sha256: "cd".repeat(32),
        crc32: 7,
        size: 11,
    });
    let s = VideoSummary::from_inspection("a.mp4", 11, report.clone(), 42);
    assert_eq!(s.verdict, VERDICT_FAIL);
    assert_eq!(
        (s.file_name.as_str(), s.size, s.checked_ms),
        ("a.mp4", 11, Some(42))
    );
    assert_eq!(s.sha256, Some("cd".repeat(32)));
    assert_eq!(s.width, None);
    assert_eq!(s.report, Some(report));
}
