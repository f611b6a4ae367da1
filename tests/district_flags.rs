//! Every flag the district office sees, each from packages made by the package builder: one
//! clean package has none, and each flag appears exactly where it should.

mod district_support;

use baosong::core::contest::{builtin, ScanRule, Severity};
use baosong::core::district::collection::Collection;
use baosong::core::district::flags::{review, review_under, Flag, FlagKind, Flags};
use baosong::core::inspection::Check;
use district_support::{
    failing_inspection, office, package, receive, receive_bytes, receive_video, tampered_package,
    Spec,
};

fn kinds(flags: &Flags, id: &str) -> Vec<FlagKind> {
    flags[id].iter().map(|f| f.kind).collect()
}

fn flag<'a>(flags: &'a Flags, id: &str, kind: FlagKind) -> &'a Flag {
    flags[id]
        .iter()
        .find(|f| f.kind == kind)
        .unwrap_or_else(|| panic!("{id} has no {kind:?}: {:?}", flags[id]))
}

#[test]
fn a_clean_package_has_no_flag() {
    let def = builtin();
    let mut c = Collection::new();
    let id = receive(&def, &mut c, &Spec::new("科学家的一天"));
    let entry = c.entry(&id).unwrap();
    assert!(entry.opened.is_ok(), "{:?}", entry.opened.problems);
    assert_eq!(entry.work_title(), "科学家的一天");
    let flags = review(&office("渝中区"), &c);
    assert_eq!(flags[&id], Vec::new());
}

#[test]
fn same_video_in_two_packages() {
    let def = builtin();
    let mut c = Collection::new();
    let a = receive(&def, &mut c, &Spec::new("甲"));
    let mut other = Spec::new("乙").by("重庆另一家公司", "91500000202803385");
    other.video = Spec::new("甲").video;
    let b = receive(&def, &mut c, &other);
    let c3 = receive(&def, &mut c, &Spec::new("丙"));
    let flags = review(&office("渝中区"), &c);
    let f = flag(&flags, &a, FlagKind::DuplicateVideo);
    assert_eq!(f.related, vec![b.clone()]);
    assert!(
        f.message.contains("乙.zip") && f.message.contains("同一个视频"),
        "{}",
        f.message
    );
    assert_eq!(flag(&flags, &b, FlagKind::DuplicateVideo).related, vec![a]);
    assert_eq!(kinds(&flags, &c3), Vec::new());
    assert!(!FlagKind::DuplicateVideo.blocks());
}

#[test]
fn the_same_package_received_twice() {
    let def = builtin();
    let mut c = Collection::new();
    let bytes = package(&def, &Spec::new("甲"));
    let a = receive_bytes(&def, &mut c, "甲.zip", &bytes);
    let b = receive_bytes(&def, &mut c, "甲 (1).zip", &bytes);
    let flags = review(&office("渝中区"), &c);
    assert!(flag(&flags, &a, FlagKind::DuplicateVideo)
        .message
        .contains("重复收到"));
    assert!(flag(&flags, &b, FlagKind::DuplicateVideo)
        .message
        .contains("重复收到"));
    assert!(!kinds(&flags, &a).contains(&FlagKind::Superseded));
}

#[test]
fn same_title_and_unit_twice() {
    let def = builtin();
    let mut c = Collection::new();
    let a = receive(&def, &mut c, &Spec::new("科学家的一天"));
    // Another work of the same unit (another id, another video) under the same title, typed
    // with different spacing and case.
    let mut again = Spec::new("科学家的一天");
    again.work_id = "w-again".into();
    again.video = b"another cut".to_vec();
    again.title = " 科学家的一天 ".into();
    let b = receive(&def, &mut c, &again);
    // The same title by another unit is not a duplicate.
    let mut other = Spec::new("科学家的一天").by("重庆另一家公司", "91500000202803385");
    other.video = b"a third video".to_vec();
    let d = receive(&def, &mut c, &other);
    let flags = review(&office("渝中区"), &c);
    assert_eq!(kinds(&flags, &a), vec![FlagKind::DuplicateTitle]);
    assert_eq!(flag(&flags, &b, FlagKind::DuplicateTitle).related, vec![a]);
    assert_eq!(kinds(&flags, &d), Vec::new());
    assert!(!FlagKind::DuplicateTitle.blocks());
}

#[test]
fn a_package_for_another_district() {
    let def = builtin();
    let mut c = Collection::new();
    let mut spec = Spec::new("江北的作品");
    spec.district = "江北区".into();
    let id = receive(&def, &mut c, &spec);
    let flags = review(&office("渝中区"), &c);
    let f = flag(&flags, &id, FlagKind::OtherDistrict);
    assert_eq!(f.message, "这件作品报送的是江北区，不属于渝中区");
    assert!(f.kind.blocks());
    // Seen from 江北区's office it is at home.
    assert_eq!(kinds(&review(&office("江北区"), &c), &id), Vec::new());
}

#[test]
fn an_older_package_is_superseded_by_a_newer_one_of_the_same_work() {
    let def = builtin();
    let mut c = Collection::new();
    let mut old = Spec::new("科学家的一天");
    old.updated_ms = 1_684_500_000_000;
    let mut new = old.clone();
    new.updated_ms = old.updated_ms + 3_600_000;
    new.address = "重庆市渝中区解放碑某路 2 号".into();
    // The newer one arrives first: order of arrival does not matter, saved time does.
    let n = receive(&def, &mut c, &new);
    let o = receive(&def, &mut c, &old);
    let flags = review(&office("渝中区"), &c);
    let f = flag(&flags, &o, FlagKind::Superseded);
    assert_eq!(f.related, vec![n.clone()]);
    assert!(
        f.message.contains("2023-05-19 21:40") && f.message.contains("2023-05-19 20:40"),
        "{}",
        f.message
    );
    assert!(f.kind.blocks());
    assert_eq!(kinds(&flags, &n), Vec::new());
    // Not also a duplicate video or title: they are versions of one work.
    assert_eq!(kinds(&flags, &o), vec![FlagKind::Superseded]);
}

#[test]
fn an_unsigned_pledge() {
    let def = builtin();
    let mut c = Collection::new();
    let mut spec = Spec::new("没有扫描件");
    spec.scan = false;
    let id = receive(&def, &mut c, &spec);
    let flags = review(&office("渝中区"), &c);
    assert_eq!(kinds(&flags, &id), vec![FlagKind::UnsignedPledge]);
    assert!(flags[&id][0].message.contains("诚信承诺扫描件"));
    assert!(!FlagKind::UnsignedPledge.blocks());
}

#[test]
fn verification_failed() {
    let def = builtin();
    let mut c = Collection::new();
    let bytes = tampered_package(&def, "被改过");
    let id = receive_bytes(&def, &mut c, "被改过.zip", &bytes);
    let garbage = receive_bytes(&def, &mut c, "不是报送包.zip", b"PK nothing");
    let flags = review(&office("渝中区"), &c);
    let f = flag(&flags, &id, FlagKind::VerificationFailed);
    assert!(
        f.message.starts_with("核验未通过：") && f.message.contains("已被修改"),
        "{}",
        f.message
    );
    assert!(f.kind.blocks());
    assert_eq!(kinds(&flags, &garbage), vec![FlagKind::VerificationFailed]);
    assert!(!c.entry(&garbage).unwrap().is_readable());
}

#[test]
fn a_video_failing_a_rule_and_a_warning() {
    let def = builtin();
    let mut c = Collection::new();
    let fails = receive(&def, &mut c, &Spec::new("超时"));
    // The office's own inspection of the video inside finds what the unit's did not.
    c.set_inside_inspection(&fails, failing_inspection());
    let mut warn = Spec::new("没有声音");
    warn.checks = vec![Check {
        rule: "R-VID-5".into(),
        status: Severity::Warn,
        message: "视频没有声音".into(),
        fix: None,
    }];
    let w = receive(&def, &mut c, &warn);
    let flags = review(&office("渝中区"), &c);
    assert_eq!(kinds(&flags, &fails), vec![FlagKind::VideoFailsRule]);
    assert_eq!(
        flags[&fails][0].message,
        "视频不符合要求：视频时长 4 分 1 秒，超过 4 分钟"
    );
    assert!(FlagKind::VideoFailsRule.blocks());
    assert_eq!(kinds(&flags, &w), vec![FlagKind::Warning]);
    assert_eq!(flags[&w][0].message, "视频没有声音");
    assert!(!FlagKind::Warning.blocks());
}

#[test]
fn a_video_sent_separately_is_matched_by_sha256() {
    let def = builtin();
    let mut c = Collection::new();
    let mut spec = Spec::new("视频另发");
    spec.video_inside = false;
    let id = receive(&def, &mut c, &spec);
    let flags = review(&office("渝中区"), &c);
    let f = flag(&flags, &id, FlagKind::VideoNotChecked);
    assert!(f.message.contains("视频另发.mp4"), "{}", f.message);
    assert!(f.kind.blocks());

    // A file of the same name but other bytes does not match, and is named as such.
    receive_video(&mut c, "视频另发.mp4", b"edited afterwards");
    let flags = review(&office("渝中区"), &c);
    assert!(flag(&flags, &id, FlagKind::VideoNotChecked)
        .message
        .contains("内容与报送包记录不同"));
    assert_eq!(c.unmatched_videos().len(), 1);

    // The right bytes under another name do.
    let v = receive_video(&mut c, "final.mp4", &spec.video);
    let e = c.entry(&id).unwrap();
    assert!(e.opened.is_ok(), "{:?}", e.opened.problems);
    assert!(e.verified_video().is_some());
    assert_eq!(kinds(&review(&office("渝中区"), &c), &id), Vec::new());
    // Forgetting that video takes the match back.
    assert!(c.remove_video(&v));
    assert!(c.entry(&id).unwrap().verified_video().is_none());
    assert_eq!(
        kinds(&review(&office("渝中区"), &c), &id),
        vec![FlagKind::VideoNotChecked]
    );
}

#[test]
fn a_code_from_paper_finds_its_package_and_the_collection_round_trips() {
    let def = builtin();
    let mut c = Collection::new();
    let a = receive(&def, &mut c, &Spec::new("甲"));
    receive(&def, &mut c, &Spec::new("乙"));
    let code = c.entry(&a).unwrap().code().unwrap();
    let typed = code.replace('-', " ").to_lowercase();
    let found: Vec<&str> = c
        .find_by_code(&typed)
        .iter()
        .map(|e| e.id.as_str())
        .collect();
    assert_eq!(found, vec![a.as_str()]);
    assert!(c.find_by_code("not a code").is_empty());

    let json = c.to_json();
    let back = Collection::from_json(&json).unwrap();
    assert_eq!(back.to_json(), json);
    assert_eq!(
        review(&office("渝中区"), &back),
        review(&office("渝中区"), &c)
    );
    // Ids keep counting after a removal: a new arrival never takes an old id.
    let mut back = back;
    assert!(back.remove_package(&a));
    let next = receive(&def, &mut back, &Spec::new("丙"));
    assert_eq!(next, "p3");
}

#[test]
fn a_missing_scan_is_flagged_only_where_the_definition_requires_it() {
    let def = builtin();
    // The 2023 notice's pledge travels on paper: the unit is told the scan is optional, so
    // the district does not chase it.
    assert_eq!(def.pledge.scan, ScanRule::Paper);
    let mut c = Collection::new();
    let mut spec = Spec::new("纸质承诺");
    spec.scan = false;
    let id = receive(&def, &mut c, &spec);
    assert!(!c.entries[0].has_scan());
    assert_eq!(
        kinds(&review_under(&office("渝中区"), &c, ScanRule::Paper), &id),
        vec![]
    );
    let required = review_under(&office("渝中区"), &c, ScanRule::Required);
    assert_eq!(kinds(&required, &id), vec![FlagKind::UnsignedPledge]);
    assert!(required[&id][0].message.contains("要求随报送包提交"));
    // With its scan, neither rule flags it, and the row can say so.
    let with_scan = receive(&def, &mut c, &Spec::new("附扫描件"));
    assert!(c
        .entries
        .iter()
        .find(|e| e.id == with_scan)
        .unwrap()
        .has_scan());
    let required = review_under(&office("渝中区"), &c, ScanRule::Required);
    assert_eq!(kinds(&required, &with_scan), Vec::<FlagKind>::new());
}
