//! Recommending within the quota (R-DIST-2): a 3–5 district (渝中区) and a 1–2 district
//! (城口县), ordering, and the override note a rule-failing work needs.

mod district_support;

use baosong::core::contest::builtin;
use baosong::core::district::collection::Collection;
use baosong::core::district::flags::review;
use baosong::core::district::office::Quota;
use baosong::core::district::recommendation::{PickError, Recommendation};
use district_support::{failing_inspection, office, receive, Spec};

/// `n` clean packages of `district`, received.
fn collection(n: usize, district: &str) -> (Collection, Vec<String>) {
    let def = builtin();
    let mut c = Collection::new();
    let ids = (1..=n)
        .map(|i| {
            let mut s = Spec::new(&format!("作品{i}"));
            s.district = district.into();
            receive(&def, &mut c, &s)
        })
        .collect();
    (c, ids)
}

fn quota(district: &str) -> Quota {
    office(district).quota(&builtin()).unwrap()
}

#[test]
fn quotas_come_from_the_definition() {
    let def = builtin();
    assert_eq!(
        quota("渝中区"),
        Quota {
            district: "渝中区".into(),
            min: 3,
            max: 5
        }
    );
    assert_eq!(
        quota("城口县"),
        Quota {
            district: "城口县".into(),
            min: 1,
            max: 2
        }
    );
    assert_eq!(quota("渝中区").range_label(), "3–5 件");
    assert_eq!(office("不存在区").quota(&def), None);
    let twelve = def
        .districts
        .iter()
        .filter(|d| (d.quota_min, d.quota_max) == (3, 5))
        .count();
    assert_eq!(twelve, 12);
}

#[test]
fn a_3_to_5_district_refuses_a_sixth_and_warns_under_three() {
    let (c, ids) = collection(6, "渝中区");
    let q = quota("渝中区");
    let flags = review(&office("渝中区"), &c);
    let mut rec = Recommendation::default();
    for id in &ids[..2] {
        rec.add(id, "", &q, &c, &flags).unwrap();
    }
    let check = rec.check(&q, &c, &flags);
    assert!(check.is_ok());
    assert_eq!(
        check.warnings,
        vec!["渝中区应推荐 3–5 件作品，现在只选了 2 件"]
    );
    for id in &ids[2..5] {
        rec.add(id, "", &q, &c, &flags).unwrap();
    }
    let check = rec.check(&q, &c, &flags);
    assert!(check.is_ok() && check.warnings.is_empty(), "{check:?}");
    assert_eq!(check.picked, 5);
    let err = rec.add(&ids[5], "", &q, &c, &flags).unwrap_err();
    assert_eq!(
        err,
        PickError::Full {
            district: "渝中区".into(),
            max: 5
        }
    );
    assert_eq!(
        err.to_string(),
        "渝中区最多推荐 5 件作品，已选满 5 件；如需更换，请先移除一件"
    );
    assert_eq!(rec.picks.len(), 5);
    assert_eq!(
        rec.add(&ids[0], "", &q, &c, &flags),
        Err(PickError::AlreadyPicked { position: 1 })
    );
}

#[test]
fn a_1_to_2_district_allows_two() {
    let (c, ids) = collection(3, "城口县");
    let q = quota("城口县");
    let flags = review(&office("城口县"), &c);
    let mut rec = Recommendation::default();
    let check = rec.check(&q, &c, &flags);
    assert_eq!(
        check.warnings,
        vec!["城口县应推荐 1–2 件作品，现在只选了 0 件"]
    );
    rec.add(&ids[0], "", &q, &c, &flags).unwrap();
    assert!(rec.check(&q, &c, &flags).warnings.is_empty());
    rec.add(&ids[1], "", &q, &c, &flags).unwrap();
    assert!(matches!(
        rec.add(&ids[2], "", &q, &c, &flags),
        Err(PickError::Full { max: 2, .. })
    ));
}

#[test]
fn switching_to_a_smaller_quota_makes_the_list_an_error() {
    let (c, ids) = collection(4, "城口县");
    let flags = review(&office("城口县"), &c);
    let mut rec = Recommendation::default();
    let big = Quota {
        district: "城口县".into(),
        min: 3,
        max: 5,
    };
    for id in &ids {
        rec.add(id, "", &big, &c, &flags).unwrap();
    }
    let check = rec.check(&quota("城口县"), &c, &flags);
    assert_eq!(
        check.errors,
        vec!["城口县最多推荐 2 件作品，现在选了 4 件，请移除 2 件"]
    );
}

#[test]
fn ordering_moves_and_removal() {
    let (c, ids) = collection(4, "渝中区");
    let q = quota("渝中区");
    let flags = review(&office("渝中区"), &c);
    let mut rec = Recommendation::default();
    for id in &ids {
        rec.add(id, "", &q, &c, &flags).unwrap();
    }
    let order = |r: &Recommendation| {
        r.picks
            .iter()
            .map(|p| p.entry.clone())
            .collect::<Vec<String>>()
    };
    let [a, b, c3, d] = [&ids[0], &ids[1], &ids[2], &ids[3]].map(String::clone);
    assert!(rec.move_up(&c3));
    assert_eq!(
        order(&rec),
        [a.as_str(), c3.as_str(), b.as_str(), d.as_str()]
    );
    assert!(!rec.move_up(&a), "the first cannot go up");
    assert!(rec.move_down(&a));
    assert_eq!(
        order(&rec),
        [c3.as_str(), a.as_str(), b.as_str(), d.as_str()]
    );
    assert!(!rec.move_down(&d), "the last cannot go down");
    assert!(rec.move_to(&d, 0));
    assert_eq!(
        order(&rec),
        [d.as_str(), c3.as_str(), a.as_str(), b.as_str()]
    );
    assert!(rec.move_to(&d, 99), "clamped to the end");
    assert_eq!(
        order(&rec),
        [c3.as_str(), a.as_str(), b.as_str(), d.as_str()]
    );
    assert!(rec.remove(&a));
    assert!(!rec.remove(&a));
    assert_eq!(order(&rec), [c3.as_str(), b.as_str(), d.as_str()]);
    assert!(!rec.move_up("p99"));
    // Serde keeps the order.
    let json = serde_json::to_string(&rec).unwrap();
    assert_eq!(serde_json::from_str::<Recommendation>(&json).unwrap(), rec);
}

#[test]
fn a_rule_failing_work_needs_an_override_note() {
    let def = builtin();
    let (mut c, ids) = collection(2, "渝中区");
    c.set_inside_inspection(&ids[1], failing_inspection());
    let q = quota("渝中区");
    let flags = review(&office("渝中区"), &c);
    let mut rec = Recommendation::default();
    let err = rec.add(&ids[1], "  ", &q, &c, &flags).unwrap_err();
    assert!(matches!(err, PickError::NeedsNote { .. }));
    assert_eq!(
        err.to_string(),
        "这件作品视频不符合要求：视频时长 4 分 1 秒，超过 4 分钟，如仍要推荐，请填写推荐理由"
    );
    rec.add(
        &ids[1],
        "时长超出 1 秒，组委会同意补交剪辑版",
        &q,
        &c,
        &flags,
    )
    .unwrap();
    assert_eq!(rec.picks[0].note, "时长超出 1 秒，组委会同意补交剪辑版");
    assert!(rec.check(&q, &c, &flags).is_ok());
    // Clearing the note later is caught by the check.
    rec.set_note(&ids[1], "");
    let check = rec.check(&q, &c, &flags);
    assert_eq!(check.errors.len(), 1);
    assert!(
        check.errors[0].starts_with("第 1 件《作品2》视频不符合要求"),
        "{:?}",
        check.errors
    );

    // A flag appearing after the pick (the office's hash arrives later) is caught too.
    let mut other = Spec::new("江北来的");
    other.district = "江北区".into();
    let late = receive(&def, &mut c, &other);
    let before = review(&office("渝中区"), &Collection::new());
    let mut rec = Recommendation::default();
    rec.add(&late, "", &q, &c, &before).unwrap();
    let now = review(&office("渝中区"), &c);
    assert!(rec.check(&q, &c, &now).errors[0].contains("不属于渝中区"));
}

#[test]
fn the_same_work_cannot_be_picked_twice() {
    let def = builtin();
    let mut c = Collection::new();
    let a = receive(&def, &mut c, &Spec::new("甲"));
    let mut copy = Spec::new("乙").by("重庆另一家公司", "91500000202803385");
    copy.video = Spec::new("甲").video;
    let b = receive(&def, &mut c, &copy);
    let q = quota("渝中区");
    let flags = review(&office("渝中区"), &c);
    let mut rec = Recommendation::default();
    rec.add(&a, "", &q, &c, &flags).unwrap();
    assert_eq!(
        rec.add(&b, "", &q, &c, &flags),
        Err(PickError::SameWork {
            position: 1,
            why: "同一视频"
        })
    );
    assert_eq!(rec.add("p404", "", &q, &c, &flags), Err(PickError::Unknown));
}
