//! After the download (报送): the definition's checklist, filled for the package; the ticks
//! kept across saves and reset for a new package; bad checklists in a definition refused.

use baosong::core::contest::{builtin, load_definition, DefinitionError};
use baosong::core::submission::{
    checklist, Delivery, DeliveryContext, DeliveryLine, Workspace, SCHEMA_VERSION,
};

const HOSTILE: &str = "<b>{code}</b> & \u{202E}👩‍🔬";

fn ctx() -> DeliveryContext<'static> {
    DeliveryContext {
        district: "江北区",
        title: HOSTILE,
        deadline: "2023年5月31日",
    }
}

fn delivery(video_inside: bool) -> Delivery {
    Delivery::downloaded(
        None,
        format!("报送包-{HOSTILE}.zip"),
        "7K3Q-9M2X".into(),
        video_inside,
    )
}

fn lines(d: &Delivery) -> Vec<DeliveryLine> {
    checklist(&builtin(), d, ctx(), |s| s.text.clone())
}

#[test]
fn the_checklist_follows_where_the_video_went() {
    let ids = |d: &Delivery| lines(d).into_iter().map(|l| l.id).collect::<Vec<_>>();
    assert_eq!(ids(&delivery(false)), ["package", "video", "paper", "code"]);
    assert_eq!(
        ids(&delivery(true)),
        ["package", "video_inside", "paper", "code"]
    );
}

#[test]
fn each_line_names_this_package_literally() {
    let l = lines(&delivery(false));
    assert_eq!(
        l[0].text,
        format!(
            "按江北区科技行政主管部门要求的方式，将报送包“报送包-{HOSTILE}.zip”报送至该部门，截止 2023年5月31日。"
        )
    );
    assert!(l[2].text.contains("法定代表人签字并加盖单位公章"));
    assert!(l[2].text.contains("江北区"));
    assert!(l[3].text.contains("核验码 7K3Q-9M2X"));
    // A placeholder inside a value is not filled again.
    assert!(l[0].text.contains("<b>{code}</b>"));
    assert!(l.iter().all(|l| !l.done));
    // The English wording, when the interface asks for it.
    let def = builtin();
    let en = checklist(&def, &delivery(true), ctx(), |s| {
        def.en
            .delivery
            .steps
            .get(&s.id)
            .cloned()
            .unwrap_or_default()
    });
    assert!(en[0].text.starts_with("Send the package “报送包-"));
    assert!(en[0].text.ends_with("by 2023年5月31日."));
    assert!(en
        .iter()
        .all(|l| !l.text.contains('{') || l.text.contains(HOSTILE)));
}

#[test]
fn ticks_stay_for_the_same_package_and_start_over_for_a_new_one() {
    let mut first = delivery(false);
    first.set_done("paper", true);
    first.set_done("paper", true);
    assert_eq!(first.done, ["paper"], "ticked once");
    let again = Delivery::downloaded(
        Some(&first),
        "另存的名字.zip".into(),
        first.code.clone(),
        false,
    );
    assert_eq!(
        again.done, first.done,
        "the same 核验码 and video: the same package"
    );
    assert_eq!(again.package, "另存的名字.zip");
    let changed = Delivery::downloaded(
        Some(&first),
        first.package.clone(),
        "NEW1-CODE".into(),
        false,
    );
    assert!(
        changed.done.is_empty(),
        "a new 核验码 is a new package to send"
    );
    let with_video = Delivery::downloaded(
        Some(&first),
        first.package.clone(),
        first.code.clone(),
        true,
    );
    assert!(with_video.done.is_empty(), "the video now travels inside");
    assert!(!first.outdated(Some("7K3Q-9M2X")));
    assert!(first.outdated(Some("NEW1-CODE")));
    assert!(first.outdated(None));
}

#[test]
fn the_workspace_keeps_the_package_and_its_ticks() {
    let mut ws = Workspace::default();
    ws.add_work("w1");
    assert!(!ws.set_delivery_done("w1", "paper", true), "no package yet");
    assert!(ws.record_delivery("w1", "a.zip".into(), "C0DE-0001".into(), false));
    assert!(ws.set_delivery_done("w1", "paper", true));
    assert!(ws.set_delivery_done("w1", "code", true));
    assert!(ws.set_delivery_done("w1", "code", false));
    assert!(!ws.record_delivery("nope", "a.zip".into(), "x".into(), false));
    let back = Workspace::from_json(&ws.to_json()).unwrap();
    let d = back.work("w1").unwrap().delivery.clone().unwrap();
    assert_eq!(d.package, "a.zip");
    assert_eq!(d.done, ["paper"]);
    // A save from before the checklist loads, with no package recorded.
    let old = format!(
        r#"{{"schema":{SCHEMA_VERSION},"works":[{{"id":"w1","values":{{}}}}],"selected":"w1"}}"#
    );
    let old = Workspace::from_json(&old).unwrap();
    assert_eq!(old.work("w1").unwrap().delivery, None);
    // And a work without a package saves none.
    assert!(!old.to_json().contains("delivery"));
}

fn with_delivery(edit: impl FnOnce(&mut serde_json::Value)) -> Result<(), DefinitionError> {
    let mut v: serde_json::Value =
        serde_json::from_str(include_str!("../contests/cq-2023.json")).unwrap();
    edit(&mut v);
    load_definition(&v.to_string()).map(|_| ())
}

fn path_of(r: Result<(), DefinitionError>) -> String {
    match r {
        Err(DefinitionError::Invalid { path, .. }) => path,
        other => panic!("expected an invalid definition, got {other:?}"),
    }
}

#[test]
fn a_bad_checklist_in_a_definition_is_refused_by_path() {
    assert_eq!(
        path_of(with_delivery(
            |v| v["delivery"]["steps"][1]["text"] = "寄给{office}".into()
        )),
        "delivery.steps[1].text"
    );
    assert_eq!(
        path_of(with_delivery(
            |v| v["delivery"]["steps"][2]["id"] = "package".into()
        )),
        "delivery.steps[2].id"
    );
    assert_eq!(
        path_of(with_delivery(|v| v["delivery"]["after_edit"] = "".into())),
        "delivery.after_edit"
    );
    assert_eq!(
        path_of(with_delivery(
            |v| v["en"]["delivery"]["steps"]["post"] = "x".into()
        )),
        "en.delivery.steps.post"
    );
    assert_eq!(
        path_of(with_delivery(
            |v| v["en"]["delivery"]["after_edit"] = "{title".into()
        )),
        "en.delivery.after_edit"
    );
    // A definition without a checklist is fine: the app then shows none.
    assert_eq!(
        with_delivery(|v| {
            v.as_object_mut().unwrap().remove("delivery");
            v["en"].as_object_mut().unwrap().remove("delivery");
        }),
        Ok(())
    );
    let def = builtin();
    assert_eq!(def.delivery.steps.len(), 5);
    assert_eq!(def.en.delivery.steps.len(), 5);
}
