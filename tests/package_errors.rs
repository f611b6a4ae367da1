//! The builder's and the verifier's errors keep the ZIP writer's and reader's own types
//! (`?` converts them) and say what they said before.

use baosong::core::contest::builtin;
use baosong::core::inspection::SliceSource;
use baosong::core::package::build::PackageError;
use baosong::core::package::verify::{open_package, OpenError};
use baosong::core::package::zip_read::ZipReadError;
use baosong::core::package::zip_write::ZipWriteError;

#[test]
fn errors_keep_the_zip_writer_and_reader_types_and_their_words() {
    let refused = ZipWriteError::Duplicate {
        name: "a.txt".into(),
    };
    let e: PackageError = refused.clone().into();
    assert_eq!(e, PackageError::Zip(refused));
    assert_eq!(e.to_string(), "生成报送包失败：报送包中已有同名文件 a.txt");

    let def = builtin();
    let open = |bytes: Vec<u8>| pollster::block_on(open_package(&SliceSource(bytes), &def));
    let e = open(vec![0u8; 10_000]).unwrap_err();
    assert_eq!(e, OpenError::Read(ZipReadError::NotZip));
    assert_eq!(e.to_string(), "这不是 ZIP 文件");
    let e = open(b"PK\x03\x04 but not really".to_vec()).unwrap_err();
    let OpenError::Read(inner) = &e else {
        panic!("{e:?}")
    };
    assert_eq!(e.to_string(), inner.to_string());
    // Words that arrived as text (the package worker's reply) are shown as they came.
    assert_eq!(
        OpenError::Zip("无法打开文件".into()).to_string(),
        "无法打开文件"
    );
}
