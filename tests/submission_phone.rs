//! 联系电话: mobiles, landlines and 400/800 numbers as people type them.

use baosong::core::submission::phone::{parse, PhoneError, PhoneNumber};

fn ok(raw: &str) -> String {
    parse(raw)
        .unwrap_or_else(|e| panic!("{raw:?} rejected: {e}"))
        .to_string()
}

#[test]
fn valid_mobiles_in_many_spellings() {
    for raw in [
        "13800138000",
        "138 0013 8000",
        "138-0013-8000",
        "+86 138 0013 8000",
        "+8613800138000",
        "86 13800138000",
        "8613800138000",
        "0086-138-0013-8000",
        " １３８００１３８０００ ",
        "013800138000",
    ] {
        assert_eq!(ok(raw), "13800138000", "{raw}");
    }
    assert!(matches!(
        parse("19912345678"),
        Ok(PhoneNumber::Mobile { .. })
    ));
}

#[test]
fn invalid_mobiles() {
    assert_eq!(
        parse("138001380001"),
        Err(PhoneError::MobileLength { len: 12 })
    );
    assert_eq!(
        parse("1380013800"),
        Err(PhoneError::MobileLength { len: 10 })
    );
    assert_eq!(parse("12800138000"), Err(PhoneError::MobilePrefix));
    assert_eq!(parse("23800138000"), Err(PhoneError::Unrecognised));
    assert_eq!(parse("2380013"), Err(PhoneError::MissingAreaCode));
    assert_eq!(
        parse("138001380001").unwrap_err().to_string(),
        "手机号应为 11 位，现在是 12 位"
    );
    assert_eq!(parse("13800138000转12"), Err(PhoneError::MobileExtension));
    assert_eq!(parse("+1 650 253 0000"), Err(PhoneError::Foreign));
    assert_eq!(
        parse("138abc00138000"),
        Err(PhoneError::InvalidChar { ch: 'a' })
    );
    assert_eq!(parse(""), Err(PhoneError::Empty));
}

#[test]
fn landlines_with_area_code() {
    for raw in [
        "023-63891234",
        "(023)63891234",
        "（023）63891234",
        "023 6389 1234",
        "02363891234",
        "023－63891234",
        "+86 23 6389 1234",
    ] {
        assert_eq!(ok(raw), "023-63891234", "{raw}");
    }
    assert_eq!(ok("010-12345678"), "010-12345678");
    assert_eq!(ok("0871-6123456"), "0871-6123456");
    assert_eq!(
        parse("0898-12345678"),
        Ok(PhoneNumber::Landline {
            area: "0898".into(),
            number: "12345678".into(),
            extension: None
        })
    );
}

#[test]
fn landlines_with_extension() {
    for raw in [
        "023-63891234转8001",
        "023-63891234 转 8001",
        "023-63891234-8001",
        "023-63891234 ext. 8001",
        "023-63891234EXT8001",
        "023-63891234#8001",
        "(023)63891234 分机号：8001",
    ] {
        assert_eq!(ok(raw), "023-63891234转8001", "{raw}");
    }
    assert_eq!(ok("023-63891234转123456"), "023-63891234转123456");
    assert_eq!(
        parse("023-63891234转1234567"),
        Err(PhoneError::BadExtension)
    );
    assert_eq!(parse("023-63891234转"), Err(PhoneError::BadExtension));
    assert_eq!(parse("023-63891234 ext abc"), Err(PhoneError::BadExtension));
}

#[test]
fn landline_without_area_code_or_wrong_length() {
    let err = parse("63891234").unwrap_err();
    assert_eq!(err, PhoneError::MissingAreaCode);
    assert_eq!(err.to_string(), "固定电话请带区号，如 023-63891234");
    assert_eq!(parse("6389123"), Err(PhoneError::MissingAreaCode));
    assert_eq!(
        parse("023-638912"),
        Err(PhoneError::LandlineLength {
            area: "023".into(),
            len: 6
        })
    );
    assert_eq!(
        parse("023-638912345"),
        Err(PhoneError::LandlineLength {
            area: "023".into(),
            len: 9
        })
    );
    assert_eq!(parse("023"), Err(PhoneError::MissingAreaCode));
}

#[test]
fn partial_international_prefixes_do_not_panic() {
    // Typing `0086-138…` passes through these states; `0086` alone used to index an empty
    // national number.
    assert_eq!(parse("0086"), Err(PhoneError::Unrecognised));
    assert_eq!(parse("0086-"), Err(PhoneError::Unrecognised));
    assert_eq!(parse("0086 "), Err(PhoneError::Unrecognised));
    assert_eq!(parse("0086-1"), Err(PhoneError::MobileLength { len: 1 }));
    assert_eq!(parse("0086-138"), Err(PhoneError::MobileLength { len: 3 }));
    assert_eq!(parse("+86"), Err(PhoneError::Unrecognised));
    assert_eq!(parse("+86-"), Err(PhoneError::Unrecognised));
    assert_eq!(parse("+"), Err(PhoneError::Foreign));
    assert_eq!(parse("0"), Err(PhoneError::MissingAreaCode));
    assert_eq!(parse("01"), Err(PhoneError::MobileLength { len: 1 }));
    assert_eq!(parse("-"), Err(PhoneError::Unrecognised));
    assert_eq!(parse("转"), Err(PhoneError::BadExtension));
}

#[test]
fn service_numbers_400_and_800() {
    for raw in [
        "400-810-8888",
        "4008108888",
        "400 810 8888",
        "４００－８１０－８８８８",
        "(400) 810-8888",
        "+86 400 810 8888",
    ] {
        assert_eq!(ok(raw), "400-810-8888", "{raw}");
    }
    assert_eq!(ok("800 810 8888"), "800-810-8888");
    assert_eq!(
        parse("8008108888"),
        Ok(PhoneNumber::Service {
            number: "8008108888".into(),
            extension: None
        })
    );
    assert_eq!(ok("400-810-8888转2"), "400-810-8888转2");
    assert_eq!(
        parse("400-810-888"),
        Err(PhoneError::ServiceLength { len: 9 })
    );
    assert_eq!(
        parse("400-810-88889").unwrap_err().to_string(),
        "400/800 号码应为 10 位，现在是 11 位"
    );
    // A local 7–8 digit number that happens to start 400/800 still lacks its area code.
    assert_eq!(parse("80012345"), Err(PhoneError::MissingAreaCode));
    // Other 10-digit numbers stay unrecognised.
    assert_eq!(parse("5008108888"), Err(PhoneError::Unrecognised));
}

#[test]
fn display_is_to_string_and_reparses_to_itself() {
    for raw in [
        "138 0013 8000",
        "023-63891234-8001",
        "+86 23 6389 1234",
        "0871-6123456",
        "400 810 8888 转 12",
    ] {
        let shown = ok(raw);
        assert_eq!(ok(&shown), shown, "{raw}");
    }
}
