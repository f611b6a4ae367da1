//! Where drafts are kept and which copy wins (`core::saving`).

use baosong::core::saving::*;

fn situation(framed: bool, own_works: bool, host: HostAnswer, access: Access) -> Situation {
    Situation {
        framed,
        own_works,
        host,
        access,
    }
}

#[test]
fn a_top_level_page_uses_its_own_storage_and_never_offers_frame_remedies() {
    let p = plan(situation(false, true, HostAnswer::None, Access::Prompt));
    assert_eq!(p.primary, Place::Own);
    assert!(!p.mirror_own && !p.offer_access && !p.offer_new_window);
    // Private mode at top level: memory only, and a new window would not help.
    let p = plan(situation(false, false, HostAnswer::None, Access::Prompt));
    assert_eq!(p.primary, Place::Memory);
    assert!(!p.offer_access && !p.offer_new_window);
}

#[test]
fn a_cross_site_frame_with_the_host_bridge_keeps_drafts_with_the_host() {
    // Chromium with third-party storage refused: the host only.
    let p = plan(situation(
        true,
        false,
        HostAnswer::OtherOrigin,
        Access::Prompt,
    ));
    assert_eq!((p.primary, p.mirror_own), (Place::Host, false));
    // Firefox's partitioned storage works too: it keeps a second copy.
    let p = plan(situation(
        true,
        true,
        HostAnswer::OtherOrigin,
        Access::Unsupported,
    ));
    assert_eq!((p.primary, p.mirror_own), (Place::Host, true));
    assert!(!p.offer_access && !p.offer_new_window);
}

#[test]
fn a_same_origin_host_bridge_is_not_used_since_its_storage_is_the_apps_own() {
    let p = plan(situation(
        true,
        true,
        HostAnswer::SameOrigin,
        Access::Prompt,
    ));
    assert_eq!(p.primary, Place::Own);
}

#[test]
fn a_frame_without_bridge_asks_for_access_then_offers_a_new_window() {
    let p = plan(situation(true, false, HostAnswer::None, Access::Prompt));
    assert_eq!(p.primary, Place::Memory);
    assert!(p.offer_access && p.offer_new_window);
    let p = plan(situation(
        true,
        false,
        HostAnswer::None,
        Access::Unsupported,
    ));
    assert!(!p.offer_access && p.offer_new_window);
    // Granted earlier: used at once, nothing to offer.
    let p = plan(situation(true, false, HostAnswer::None, Access::Granted));
    assert_eq!(p.primary, Place::Granted);
    assert!(!p.offer_access && !p.offer_new_window);
}

fn copy(text: &str, updated_ms: u64) -> StoredCopy {
    StoredCopy {
        text: text.into(),
        updated_ms,
    }
}

#[test]
fn the_newer_copy_wins_and_a_different_older_one_is_kept_aside() {
    let (old, new) = (copy("a", 100), copy("b", 200));
    assert_eq!(merge(None, None), Merge::Neither);
    assert_eq!(
        merge(Some(&old), None),
        Merge::Primary {
            other_set_aside: false
        }
    );
    assert_eq!(
        merge(None, Some(&old)),
        Merge::Other {
            primary_set_aside: false
        }
    );
    assert_eq!(
        merge(Some(&old), Some(&new)),
        Merge::Other {
            primary_set_aside: true
        }
    );
    assert_eq!(
        merge(Some(&new), Some(&old)),
        Merge::Primary {
            other_set_aside: true
        }
    );
}

#[test]
fn equal_copies_set_nothing_aside_and_a_tie_keeps_the_primary() {
    assert_eq!(
        merge(Some(&copy("a", 100)), Some(&copy("a", 300))),
        Merge::Primary {
            other_set_aside: false
        }
    );
    assert_eq!(
        merge(Some(&copy("a", 100)), Some(&copy("b", 100))),
        Merge::Primary {
            other_set_aside: true
        }
    );
    // A copy written by a build that kept no time (0) loses to any stamped one.
    assert_eq!(
        merge(Some(&copy("a", 0)), Some(&copy("b", 1))),
        Merge::Other {
            primary_set_aside: true
        }
    );
}

#[test]
fn only_the_apps_own_keys_pass_a_host_bridge() {
    for ok in [
        "baosong.workspace.v1",
        "baosong.ab12cd34.district.v1",
        "baosong.workspace.v1.older-17",
    ] {
        assert!(is_app_key(ok), "{ok}");
    }
    let long = format!("baosong.{}", "a".repeat(193));
    for bad in [
        "baosong.",
        "workspace.v1",
        "other.baosong.x",
        "baosong.<img>",
        "baosong.a b",
        "baosong.a\u{202e}",
        "baosong.江北",
        long.as_str(),
    ] {
        assert!(!is_app_key(bad), "{bad:?}");
    }
    assert!(is_app_key(&format!("baosong.{}", "a".repeat(192))));
}

#[test]
fn set_aside_and_stamp_keys_stay_beside_their_document() {
    let k = "baosong.workspace.v1";
    assert_eq!(
        set_aside_key(k, SetAside::Unreadable, 5),
        "baosong.workspace.v1.unreadable-5"
    );
    assert_eq!(
        set_aside_key(k, SetAside::Older, 7),
        "baosong.workspace.v1.older-7"
    );
    assert!(is_app_key(&set_aside_key(k, SetAside::Older, u64::MAX)));
    assert!(is_stamp_key(&stamp_key(k)) && !is_stamp_key(k));
}

fn copies(items: &[(&str, &str, u64)]) -> Copies {
    let mut c = Copies::default();
    for (k, t, ms) in items {
        c.insert(k, copy(t, *ms));
    }
    c
}

#[test]
fn copies_replace_by_key_and_remove() {
    let mut c = copies(&[("a", "1", 1), ("b", "2", 2)]);
    c.insert("a", copy("3", 3));
    assert_eq!(c.get("a"), Some(&copy("3", 3)));
    assert_eq!(c.0.len(), 2);
    c.remove("a");
    assert_eq!(c.get("a"), None);
    assert_eq!(c.get("b"), Some(&copy("2", 2)));
}

#[test]
fn reconciling_a_host_with_own_storage_leaves_both_with_the_opened_copies() {
    let ws = "baosong.workspace.v1";
    let loc = "baosong.locale";
    let dist = "baosong.district.v1";
    // The host has an older workspace and the locale; own storage a newer workspace (typed
    // while the office had dropped embed-host.js) and the district workspace.
    let host = copies(&[(ws, "host", 100), (loc, "en", 50)]);
    let own = copies(&[(ws, "own", 200), (dist, "d", 10)]);
    let r = reconcile(&host, &own, 999);
    let aside = "baosong.workspace.v1.older-999";
    assert_eq!(r.open.get(ws), Some(&copy("own", 200)), "the newer opens");
    assert_eq!(
        r.open.get(aside),
        Some(&copy("host", 100)),
        "the older is kept"
    );
    assert_eq!(r.open.get(loc), Some(&copy("en", 50)));
    assert_eq!(r.open.get(dist), Some(&copy("d", 10)));
    // What each store must be told so both hold the same.
    assert_eq!(
        r.to_primary,
        copies(&[(aside, "host", 100), (ws, "own", 200), (dist, "d", 10)])
    );
    assert_eq!(r.to_other, copies(&[(aside, "host", 100), (loc, "en", 50)]));
    assert_eq!(
        r.older,
        vec![OlderCopy {
            key: ws.into(),
            copy: copy("host", 100),
            opened_ms: 200
        }]
    );
}

#[test]
fn reconciling_equal_stores_writes_nothing_and_sets_nothing_aside() {
    let both = copies(&[("baosong.workspace.v1", "same", 5)]);
    let r = reconcile(&both, &both, 1);
    assert_eq!(r.open, both);
    assert!(r.to_primary.0.is_empty() && r.to_other.0.is_empty() && r.older.is_empty());
    // An empty other store only needs the primary's copies.
    let r = reconcile(&both, &Copies::default(), 1);
    assert!(r.to_primary.0.is_empty());
    assert_eq!(r.to_other, both);
}
