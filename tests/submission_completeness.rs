//! What blocks a work's package, step by step.

use baosong::core::contest::{builtin, ContestDefinition, FieldDefinition, FieldRole, Severity};
use baosong::core::submission::completeness::keys;
use baosong::core::submission::{
    blockers, reminders, step_blockers, work_state, Attachment, Step, VideoSummary, WorkState,
    Workspace,
};

/// A workspace in which work `w1` has everything the package needs.
fn complete(def: &ContestDefinition) -> Workspace {
    let mut ws = Workspace::new(def);
    ws.add_work("w1");
    fill_unit(def, &mut ws);
    fill_work(def, &mut ws, "w1", "科学家的一天");
    ws
}

fn fill_unit(def: &ContestDefinition, ws: &mut Workspace) {
    ws.unit.district = "渝中区".into();
    ws.unit.kind = "enterprise".into();
    for c in &def.eligibility {
        ws.unit.eligibility.insert(c.rule.clone(), true);
    }
    for (f, v) in [
        ("unit_name", "重庆某某科技有限公司"),
        ("credit_code", "915000002028033848"),
        ("address", "重庆市渝中区解放碑某路 1 号"),
    ] {
        ws.set_value(def, None, f, v, 0).unwrap();
    }
}

fn fill_work(def: &ContestDefinition, ws: &mut Workspace, id: &str, title: &str) {
    for (f, v) in [
        ("work_title", title.to_string()),
        ("contact_name", "张三".to_string()),
        ("email", "zhangsan@example.com".to_string()),
        ("phone", "023-63891234".to_string()),
        (
            "summary",
            "本片讲述".to_string() + &"科研团队攻坚克难".repeat(8),
        ),
    ] {
        ws.set_value(def, Some(id), f, v, 0).unwrap();
    }
    let w = ws.work_mut(id).unwrap();
    for p in &def.pledge.promises {
        w.pledge.promises.insert(p.rule.clone(), true);
    }
    w.pledge.legal_representative = "李四".into();
    w.pledge.date = "2023-05-20".into();
    for c in &def.self_checks {
        w.self_checks.insert(c.rule.clone(), true);
    }
    w.video = Some(VideoSummary {
        file_name: "作品.mp4".into(),
        size: 123_456_789,
        verdict: Some(Severity::Pass),
        sha256: Some("ab".repeat(32)),
        ..VideoSummary::default()
    });
}

#[test]
fn empty_workspace_is_blocked_in_every_step() {
    let def = builtin();
    let mut ws = Workspace::new(&def);
    ws.add_work("w1");
    let b = blockers(&def, &ws, "w1");
    for step in [Step::Eligibility, Step::Form, Step::Pledge, Step::Video] {
        assert!(b.iter().any(|x| x.step == step), "no blocker in {step:?}");
    }
    // district + kind + every rule; every field; every promise + name + date; video + checks.
    let expected = 2
        + def.eligibility.len()
        + def.form.fields.len()
        + def.pledge.promises.len()
        + 2
        + 1
        + def.self_checks.len();
    assert_eq!(b.len(), expected);
    // In flow order.
    assert!(b.windows(2).all(|p| p[0].step <= p[1].step));
    assert!(b.iter().any(|x| x.message == "作品名称：此项必填"));
    assert!(b.iter().any(|x| x.message == "请选择所在区县"));
    assert!(b.iter().any(|x| x.message == "法定代表人：此项必填"));
    assert!(b.iter().any(|x| x.message == "承诺日期：请填写日期"));
    assert_eq!(work_state(&def, &ws, "w1"), WorkState::Draft);
}

#[test]
fn complete_work_has_no_blockers() {
    let def = builtin();
    let ws = complete(&def);
    assert_eq!(blockers(&def, &ws, "w1"), vec![]);
    assert_eq!(work_state(&def, &ws, "w1"), WorkState::Ready);
    // The missing scan is only a reminder: the pledge travels on paper, and it says how a
    // late scan travels.
    let r = reminders(&def, &ws, "w1");
    assert_eq!(r.len(), 1);
    assert_eq!(r[0].step, Step::Pledge);
    assert_eq!(r[0].field.as_deref(), Some(keys::PLEDGE_SCAN));
    assert!(r[0].message.contains("扫描件可选") && r[0].message.contains("须重新生成"));
}

#[test]
fn a_definition_that_requires_the_scan_blocks_the_package_without_it() {
    let mut def = builtin();
    def.pledge.scan = baosong::core::contest::ScanRule::Required;
    let ws = complete(&def);
    let b = blockers(&def, &ws, "w1");
    assert_eq!(b.len(), 1);
    assert_eq!(b[0].step, Step::Pledge);
    assert_eq!(b[0].field.as_deref(), Some(keys::PLEDGE_SCAN));
    assert!(
        reminders(&def, &ws, "w1").is_empty(),
        "said once, as a blocker"
    );
}

#[test]
fn unconfirmed_consent_blocks_with_its_statement() {
    let def = builtin();
    let mut ws = complete(&def);
    ws.unit.eligibility.insert("R-ELIG-3".into(), false);
    let b = blockers(&def, &ws, "w1");
    assert_eq!(b.len(), 1);
    assert_eq!(b[0].step, Step::Eligibility);
    assert_eq!(b[0].field.as_deref(), Some("R-ELIG-3"));
    let statement = &def
        .eligibility
        .iter()
        .find(|c| c.rule == "R-ELIG-3")
        .unwrap()
        .statement;
    assert_eq!(b[0].message, format!("请确认：{statement}"));
    assert_eq!(
        work_state(&def, &ws, "w1"),
        WorkState::Incomplete { blockers: 1 }
    );
    // Absent counts as unconfirmed too.
    ws.unit.eligibility.remove("R-ELIG-3");
    assert_eq!(blockers(&def, &ws, "w1").len(), 1);
}

#[test]
fn video_verdicts() {
    let def = builtin();
    let mut ws = complete(&def);
    let set = |ws: &mut Workspace, v: Option<Severity>| {
        ws.work_mut("w1").unwrap().video.as_mut().unwrap().verdict = v;
    };
    set(&mut ws, Some(Severity::Fail));
    let b = step_blockers(&def, &ws, "w1", Step::Video);
    assert_eq!(b.len(), 1);
    assert!(b[0].message.contains("视频检查未通过"));
    assert_eq!(blockers(&def, &ws, "w1").len(), 1);

    set(&mut ws, Some(Severity::Warn));
    assert!(blockers(&def, &ws, "w1").is_empty());
    assert!(reminders(&def, &ws, "w1")
        .iter()
        .any(|r| r.step == Step::Video));

    set(&mut ws, None);
    assert!(blockers(&def, &ws, "w1")[0].message.contains("尚未完成"));

    ws.work_mut("w1").unwrap().video = None;
    assert_eq!(step_blockers(&def, &ws, "w1", Step::Video).len(), 1);
}

#[test]
fn self_checks_block() {
    let def = builtin();
    let mut ws = complete(&def);
    ws.work_mut("w1")
        .unwrap()
        .self_checks
        .insert("R-VID-7".into(), false);
    let b = blockers(&def, &ws, "w1");
    assert_eq!(b.len(), 1);
    assert_eq!(
        (b[0].step, b[0].field.as_deref()),
        (Step::Video, Some("R-VID-7"))
    );
    assert!(b[0].message.contains("水印"));
}

#[test]
fn eligibility_district_and_kind() {
    let def = builtin();
    let mut ws = complete(&def);
    ws.unit.district = "朝阳区".into();
    ws.unit.kind = "hospital".into();
    let b = step_blockers(&def, &ws, "w1", Step::Eligibility);
    assert_eq!(b.len(), 2);
    assert!(b[0].message.contains("朝阳区"));
    assert!(b[1].message.contains("hospital"));
    ws.unit.kind.clear();
    assert!(step_blockers(&def, &ws, "w1", Step::Eligibility)[1]
        .message
        .contains("在渝企业、本科院校、科研院所"));
}

#[test]
fn form_fields_report_label_and_reason() {
    let def = builtin();
    let mut ws = complete(&def);
    ws.set_value(&def, Some("w1"), "summary", "太短了", 0)
        .unwrap();
    ws.set_value(&def, None, "credit_code", "91500000202803384X", 0)
        .unwrap();
    let b = step_blockers(&def, &ws, "w1", Step::Form);
    let msgs: Vec<&str> = b.iter().map(|x| x.message.as_str()).collect();
    assert_eq!(
        msgs,
        vec![
            "统一社会信用代码：校验位应为 8，现在是 X，请逐位核对代码",
            "内容简介及主要创新点：还需填写 47 字",
        ]
    );
    assert_eq!(b[0].field.as_deref(), Some("credit_code"));
}

#[test]
fn pledge_rules() {
    let def = builtin();
    let mut ws = complete(&def);
    {
        let w = ws.work_mut("w1").unwrap();
        w.pledge.promises.remove("R-FORM-2.4");
        w.pledge.legal_representative = "李4".into();
        w.pledge.date = "2023-02-30".into();
        // The scan is never a blocker, present or not.
        w.pledge.scan = Some(Attachment {
            key: "k".into(),
            name: "承诺书.pdf".into(),
            mime: "application/pdf".into(),
            size: 10,
        });
    }
    let b = step_blockers(&def, &ws, "w1", Step::Pledge);
    let fields: Vec<_> = b.iter().map(|x| x.field.as_deref().unwrap()).collect();
    assert_eq!(
        fields,
        vec!["R-FORM-2.4", keys::LEGAL_REPRESENTATIVE, keys::PLEDGE_DATE]
    );
    assert!(b[0].message.starts_with("请勾选承诺："));
    assert_eq!(b[1].message, "法定代表人：姓名中不应含有数字");
    assert!(b[2].message.contains("不存在"));
    assert!(reminders(&def, &ws, "w1").is_empty());

    // A valid date after the collection deadline is a reminder, not a blocker.
    ws.work_mut("w1").unwrap().pledge = {
        let mut p = ws.work("w1").unwrap().pledge.clone();
        p.promises.insert("R-FORM-2.4".into(), true);
        p.legal_representative = "李四".into();
        p.date = "2023/6/1".into();
        p
    };
    assert!(blockers(&def, &ws, "w1").is_empty());
    assert!(reminders(&def, &ws, "w1")[0].message.contains("晚于"));
}

#[test]
fn two_works_share_unit_but_not_work_state() {
    let def = builtin();
    let mut ws = complete(&def);
    ws.add_work("w2");
    // w2 inherits the unit's eligibility and unit fields; only its own parts block.
    let b = blockers(&def, &ws, "w2");
    assert!(b.iter().all(|x| x.step != Step::Eligibility));
    assert!(!b.iter().any(|x| x.field.as_deref() == Some("unit_name")));
    assert!(b.iter().any(|x| x.field.as_deref() == Some("work_title")));
    assert_eq!(work_state(&def, &ws, "w2"), WorkState::Draft);
    ws.set_value(&def, Some("w2"), "work_title", "第二部", 0)
        .unwrap();
    assert!(matches!(
        work_state(&def, &ws, "w2"),
        WorkState::Incomplete { .. }
    ));
    fill_work(&def, &mut ws, "w2", "第二部");
    assert_eq!(work_state(&def, &ws, "w2"), WorkState::Ready);
    assert_eq!(work_state(&def, &ws, "w1"), WorkState::Ready);
    // A unit-level problem blocks both.
    ws.unit.kind.clear();
    assert_eq!(blockers(&def, &ws, "w1").len(), 1);
    assert_eq!(blockers(&def, &ws, "w2").len(), 1);
}

#[test]
fn reminders_for_notices_and_duplicate_titles() {
    let def = builtin();
    let mut ws = complete(&def);
    ws.set_value(&def, None, "credit_code", "91110000100000000R", 0)
        .unwrap();
    ws.add_work("w2");
    fill_work(&def, &mut ws, "w2", "科学家的一天");
    assert!(blockers(&def, &ws, "w1").is_empty());
    let r = reminders(&def, &ws, "w1");
    let msgs: Vec<&str> = r.iter().map(|x| x.message.as_str()).collect();
    assert!(msgs.contains(&"统一社会信用代码：该代码登记机关不在重庆（行政区划码 110000），请核对"));
    assert!(msgs
        .iter()
        .any(|m| m.contains("另一件作品也叫“科学家的一天”")));
}

#[test]
fn unknown_work() {
    let def = builtin();
    let ws = complete(&def);
    let b = blockers(&def, &ws, "nope");
    assert_eq!(b.len(), 1);
    assert_eq!(b[0].step, Step::Package);
    assert!(reminders(&def, &ws, "nope").is_empty());
    // The UI names steps by position (i18n `step_names`), so ALL must be in flow order.
    assert!(Step::ALL.windows(2).all(|w| w[0] < w[1]));
}

/// The built-in definition with every field id renamed, roles kept: nothing may depend on ids.
fn renamed_ids(def: &ContestDefinition) -> ContestDefinition {
    let mut def = def.clone();
    for f in &mut def.form.fields {
        f.id = format!("x_{}", f.id);
    }
    def
}

fn role_field(def: &ContestDefinition, role: FieldRole) -> &FieldDefinition {
    def.field_by_role(role).unwrap()
}

#[test]
fn duplicate_title_reminder_finds_the_title_by_role() {
    let def = renamed_ids(&builtin());
    let title = role_field(&def, FieldRole::WorkTitle).id.clone();
    assert_eq!(title, "x_work_title");
    let mut ws = Workspace::new(&def);
    ws.add_work("w1");
    ws.add_work("w2");
    for w in ["w1", "w2"] {
        ws.set_value(&def, Some(w), &title, " 同名作品 ", 0)
            .unwrap();
    }
    let r = reminders(&def, &ws, "w1");
    let dup: Vec<_> = r
        .iter()
        .filter(|x| x.message.contains("另一件作品也叫“同名作品”"))
        .collect();
    assert_eq!(dup.len(), 1, "{r:?}");
    assert_eq!(dup[0].field.as_deref(), Some("x_work_title"));
}

#[test]
fn a_unit_scope_title_is_never_a_duplicate() {
    let mut def = builtin();
    let f = def
        .form
        .fields
        .iter_mut()
        .find(|f| f.role == Some(FieldRole::WorkTitle))
        .unwrap();
    f.scope = baosong::core::contest::FieldScope::Unit;
    let mut ws = Workspace::new(&def);
    ws.add_work("w1");
    ws.add_work("w2");
    ws.set_value(&def, None, "work_title", "共同标题", 0)
        .unwrap();
    assert!(!reminders(&def, &ws, "w1")
        .iter()
        .any(|x| x.message.contains("另一件作品")));
}

#[test]
fn unreadable_verdict_in_an_old_save_blocks_like_an_unfinished_check() {
    let def = builtin();
    let mut ws = complete(&def);
    let mut json: serde_json::Value = serde_json::from_str(&ws.to_json()).unwrap();
    for garbage in [
        serde_json::json!("unknown"),
        serde_json::json!(""),
        serde_json::json!(42),
        serde_json::json!({"a": 1}),
        serde_json::Value::Null,
    ] {
        json["works"][0]["video"]["verdict"] = garbage.clone();
        ws = Workspace::from_json(&json.to_string()).unwrap();
        assert_eq!(ws.work("w1").unwrap().video.as_ref().unwrap().verdict, None);
        let b = blockers(&def, &ws, "w1");
        assert_eq!(b.len(), 1, "{garbage}");
        assert!(b[0].message.contains("尚未完成"));
    }
    // An old build's spelling variants still count.
    json["works"][0]["video"]["verdict"] = " WARN ".into();
    let ws = Workspace::from_json(&json.to_string()).unwrap();
    assert!(blockers(&def, &ws, "w1").is_empty());
}

#[test]
fn a_passing_video_without_its_sha256_still_blocks_the_package() {
    let def = builtin();
    let mut ws = complete(&def);
    assert!(blockers(&def, &ws, "w1").is_empty());
    ws.work_mut("w1").unwrap().video.as_mut().unwrap().sha256 = None;
    let b = step_blockers(&def, &ws, "w1", Step::Video);
    assert_eq!(b.len(), 1, "{b:?}");
    assert!(b[0].message.contains("SHA-256"), "{}", b[0].message);
}
