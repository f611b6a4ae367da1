//! The review table's 视频 column: the office's own state of each package's video, apart
//! from the unit's claim — before and after a separately sent video arrives, a video inside
//! not yet hashed, hashed bytes that differ, and the office's own verdict.

mod district_support;

use baosong::core::contest::{builtin, Severity};
use baosong::core::district::collection::Collection;
use baosong::core::district::flags::{review, FlagKind};
use baosong::core::district::video_state::{video_status, OfficeVideo};
use baosong::core::district::workspace::DistrictWorkspace;
use district_support::{
    failing_inspection, office, package, receive, receive_bytes, receive_video, Spec,
};

fn status(c: &Collection, id: &str) -> (OfficeVideo, Option<Severity>) {
    let s = video_status(c, c.entry(id).unwrap());
    (s.office, s.unit)
}

#[test]
fn a_package_without_its_video_is_not_received_until_the_video_arrives() {
    let def = builtin();
    let mut c = Collection::new();
    let mut spec = Spec::new("视频另发");
    spec.video_inside = false;
    let id = receive(&def, &mut c, &spec);
    // The unit's own check passed; the office holds nothing yet.
    assert_eq!(
        status(&c, &id),
        (OfficeVideo::NotReceived, Some(Severity::Pass))
    );
    // Other bytes under the same name change nothing.
    receive_video(&mut c, "视频另发.mp4", b"edited afterwards");
    assert_eq!(status(&c, &id).0, OfficeVideo::NotReceived);
    let v = receive_video(&mut c, "final.mp4", &spec.video);
    assert_eq!(status(&c, &id).0, OfficeVideo::Verified { own: None });
    assert!(status(&c, &id).0.is_verified());
    // The office's own inspection of that video judges it.
    c.set_video_inspection(&v, failing_inspection());
    assert_eq!(
        status(&c, &id),
        (
            OfficeVideo::Verified {
                own: Some(Severity::Fail)
            },
            Some(Severity::Pass)
        )
    );
    assert!(c.remove_video(&v));
    assert_eq!(status(&c, &id).0, OfficeVideo::NotReceived);
}

#[test]
fn a_video_inside_is_waiting_until_hashed_and_differs_when_changed() {
    let def = builtin();
    let spec = Spec::new("视频在包内");
    let bytes = package(&def, &spec);
    // Opened but not hashed: what the browser shows while the worker queues it.
    let mut c = Collection::new();
    let src = baosong::core::inspection::SliceSource(&bytes);
    let opened = pollster::block_on(baosong::core::package::verify::open_package(&src, &def));
    let id = c.add_package(
        baosong::core::district::collection::SourceFile {
            name: "a.zip".into(),
            size: bytes.len() as u64,
            received_ms: 0,
        },
        opened,
    );
    assert_eq!(status(&c, &id).0, OfficeVideo::NotHashed);

    let id = receive_bytes(&def, &mut c, "b.zip", &bytes);
    assert_eq!(status(&c, &id).0, OfficeVideo::Verified { own: None });

    // One byte of the stored video changed: hashed, and not the recorded bytes.
    let needle = spec.video.as_slice();
    let at = bytes
        .windows(needle.len())
        .position(|w| w == needle)
        .expect("the video is stored");
    let mut changed = bytes.clone();
    changed[at] ^= 0xff;
    let bad = receive_bytes(&def, &mut c, "c.zip", &changed);
    assert_eq!(status(&c, &bad).0, OfficeVideo::Differs);
}

#[test]
fn a_package_that_cannot_be_read_says_so() {
    let def = builtin();
    let mut c = Collection::new();
    let id = receive_bytes(&def, &mut c, "不是报送包.zip", b"PK nothing");
    assert_eq!(status(&c, &id), (OfficeVideo::Unreadable, None));
}

#[test]
fn a_package_received_twice_says_which_copy_to_keep() {
    let def = builtin();
    let mut c = Collection::new();
    let spec = Spec::new("甲");
    let bytes = package(&def, &spec);
    let good = receive_bytes(&def, &mut c, "甲.zip", &bytes);
    let same = receive_bytes(&def, &mut c, "甲 (1).zip", &bytes);
    let flags = review(&office("渝中区"), &c);
    let dup = |id: &str| {
        flags[id]
            .iter()
            .find(|f| f.kind == FlagKind::DuplicateVideo)
            .map(|f| f.message.clone())
            .unwrap()
    };
    assert!(dup(&good).contains("两份都核验通过"), "{}", dup(&good));
    assert!(dup(&same).contains("两份都核验通过"));

    // A copy whose 附件3 HTML was changed in transit: keep the other.
    let mut ws = DistrictWorkspace::new("渝中区");
    let mut broken = bytes.clone();
    let needle = b"<title>";
    let at = broken.windows(7).position(|w| w == needle).unwrap();
    broken[at + 1] = b'T';
    let ok = receive_bytes(&def, &mut ws.collection, "甲.zip", &bytes);
    let bad = receive_bytes(&def, &mut ws.collection, "甲-转发.zip", &broken);
    let flags = review(&office("渝中区"), &ws.collection);
    let msg = |id: &str| {
        flags[id]
            .iter()
            .find(|f| f.kind == FlagKind::DuplicateVideo)
            .map(|f| f.message.clone())
            .unwrap_or_default()
    };
    assert!(msg(&ok).contains("这一份核验通过"), "{}", msg(&ok));
    assert!(msg(&bad).contains("请保留另一份"), "{}", msg(&bad));
}
