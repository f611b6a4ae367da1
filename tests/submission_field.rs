//! Text rules and `validate_field` for every field kind of the built-in definition.

use baosong::core::contest::{builtin, FieldDefinition, FieldKind, FieldScope};
use baosong::core::submission::text::{char_count, TextError};
use baosong::core::submission::{
    field_notices, validate_field, CreditCodeError, FieldError, FieldNotice, PhoneError,
};

fn field(id: &str) -> FieldDefinition {
    builtin()
        .field(id)
        .expect("field in built-in definition")
        .clone()
}

fn text_def(kind: FieldKind, required: bool, min: usize, max: usize) -> FieldDefinition {
    FieldDefinition {
        id: "t".into(),
        role: None,
        label: "测试".into(),
        hint: String::new(),
        kind,
        scope: FieldScope::Work,
        required,
        min_chars: min,
        max_chars: max,
    }
}

/// Strings that must be stored and returned literally.
const HOSTILE: [&str; 7] = [
    "<img src=x onerror=alert(1)>",
    "&amp; &lt;b&gt; \"quoted\" 'single'",
    "科学家精神 👩‍🔬🚀",
    "\u{202E}RTL override\u{202C} and \u{200F}mark",
    "</textarea><script>alert('x')</script>",
    "{unit_name} {{credit_code}} %s \\n \\u0000",
    "\u{FEFF}零宽\u{200B}空格",
];

#[test]
fn char_count_cjk_and_emoji() {
    assert_eq!(char_count("重庆市科学技术局"), 8);
    assert_eq!(char_count("  科学  "), 2);
    assert_eq!(char_count("\u{3000}科学\u{3000}"), 2);
    assert_eq!(char_count("🚀"), 1);
    assert_eq!(char_count("a\r\nb"), 3);
    assert_eq!(char_count(""), 0);
}

#[test]
fn char_count_is_what_a_person_sees() {
    // Woman scientist = woman + ZWJ + microscope: three scalar values, one character.
    assert_eq!(char_count("👩\u{200D}🔬"), 1);
    // é as e + combining acute accent, and a flag of two regional indicators.
    assert_eq!(char_count("e\u{301}"), 1);
    assert_eq!(char_count("caf\u{e9} cafe\u{301}"), 9);
    assert_eq!(char_count("🇨🇳"), 1);
    // Skin-tone modifier and a keycap sequence.
    assert_eq!(char_count("👍🏽1\u{FE0F}\u{20E3}"), 2);
}

#[test]
fn limits_count_graphemes_too() {
    let title = field("work_title"); // 1..=40
                                     // 40 scientists are 120 scalar values but 40 characters: accepted.
    let forty = "👩\u{200D}🔬".repeat(40);
    assert_eq!(validate_field(&title, &forty).unwrap(), forty);
    assert_eq!(
        validate_field(&title, &"e\u{301}".repeat(41)),
        Err(FieldError::Text(TextError::TooLong { excess: 1 }))
    );
    // A name of two accented letters has two characters, not four.
    let name = field("contact_name");
    assert_eq!(
        validate_field(&name, "E\u{301}e\u{301}").unwrap(),
        "E\u{301}e\u{301}"
    );
    assert_eq!(
        validate_field(&name, "E\u{301}"),
        Err(FieldError::Text(TextError::TooShort { missing: 1 }))
    );
    let summary = field("summary"); // 50..=300
    assert_eq!(
        validate_field(&summary, &"👩\u{200D}🔬".repeat(49))
            .unwrap_err()
            .to_string(),
        "还需填写 1 字"
    );
}

#[test]
fn length_edges_with_cjk() {
    let title = field("work_title"); // 1..=40
    let forty = "科".repeat(40);
    assert_eq!(validate_field(&title, &forty).unwrap(), forty);
    let err = validate_field(&title, &"科".repeat(43)).unwrap_err();
    assert_eq!(err, FieldError::Text(TextError::TooLong { excess: 3 }));
    assert_eq!(err.to_string(), "超出 3 字");
    // Surrounding whitespace does not count and is not kept.
    assert_eq!(
        validate_field(&title, &format!("  {forty}\u{3000}")).unwrap(),
        forty
    );
    let summary = field("summary"); // 50..=300
    let err = validate_field(&summary, &"创新".repeat(20)).unwrap_err();
    assert_eq!(err.to_string(), "还需填写 10 字");
    let emoji = "🚀".repeat(50);
    assert_eq!(validate_field(&summary, &emoji).unwrap(), emoji);
    assert_eq!(
        validate_field(&summary, &"🚀".repeat(301))
            .unwrap_err()
            .to_string(),
        "超出 1 字"
    );
}

#[test]
fn required_and_optional() {
    let title = field("work_title");
    assert_eq!(
        validate_field(&title, " \u{3000}\n"),
        Err(FieldError::Text(TextError::Required))
    );
    assert_eq!(
        validate_field(&title, "").unwrap_err().to_string(),
        "此项必填"
    );
    let optional = text_def(FieldKind::Text, false, 5, 10);
    assert_eq!(validate_field(&optional, "  ").unwrap(), "");
    assert!(validate_field(&optional, "四个字儿").is_err());
    let optional_phone = text_def(FieldKind::Phone, false, 0, 25);
    assert_eq!(validate_field(&optional_phone, "").unwrap(), "");
    // A required structured field reports emptiness the same way as text.
    assert_eq!(
        validate_field(&field("credit_code"), " "),
        Err(FieldError::Text(TextError::Required))
    );
}

#[test]
fn control_characters() {
    let title = field("work_title");
    assert_eq!(
        validate_field(&title, "第一行\n第二行"),
        Err(FieldError::Text(TextError::Newline))
    );
    assert_eq!(
        validate_field(&title, "a\tb"),
        Err(FieldError::Text(TextError::Tab))
    );
    let err = validate_field(&title, "标题\u{0007}").unwrap_err();
    assert_eq!(err, FieldError::Text(TextError::ControlChar { code: 7 }));
    assert!(err.to_string().contains("U+0007"));
    let summary = field("summary");
    let multi = format!("{}\r\n\t{}", "甲".repeat(30), "乙".repeat(30));
    assert_eq!(
        validate_field(&summary, &multi).unwrap(),
        format!("{}\n\t{}", "甲".repeat(30), "乙".repeat(30))
    );
    assert!(validate_field(&summary, &format!("{}\u{1b}[31m", "甲".repeat(60))).is_err());
}

#[test]
fn hostile_text_is_valid_and_literal() {
    let title = text_def(FieldKind::Text, true, 1, 200);
    let summary = text_def(FieldKind::Multiline, true, 1, 600);
    for s in HOSTILE {
        assert_eq!(validate_field(&title, s).unwrap(), s.trim(), "{s:?}");
        assert_eq!(validate_field(&summary, s).unwrap(), s.trim(), "{s:?}");
    }
}

#[test]
fn person_names() {
    let name = field("contact_name");
    assert_eq!(validate_field(&name, " 张三 ").unwrap(), "张三");
    assert_eq!(validate_field(&name, "买买提·艾力").unwrap(), "买买提·艾力");
    assert_eq!(validate_field(&name, "John Smith").unwrap(), "John Smith");
    assert_eq!(
        validate_field(&name, "张"),
        Err(FieldError::Text(TextError::TooShort { missing: 1 }))
    );
    assert_eq!(
        validate_field(&name, "张3"),
        Err(FieldError::Text(TextError::NameDigit))
    );
    assert_eq!(
        validate_field(&name, "张三１"),
        Err(FieldError::Text(TextError::NameDigit))
    );
    assert!(validate_field(&name, &"张".repeat(21)).is_err());
    // A definition with no minimum still needs two characters for a name.
    let loose = text_def(FieldKind::PersonName, true, 0, 20);
    assert!(validate_field(&loose, "张").is_err());
}

#[test]
fn dispatch_by_kind() {
    assert_eq!(
        validate_field(&field("credit_code"), "9150 0000 2028 0338 48").unwrap(),
        "915000002028033848"
    );
    assert_eq!(
        validate_field(&field("credit_code"), "91500000202803384X"),
        Err(FieldError::CreditCode(CreditCodeError::BadCheck {
            expected: '8',
            found: 'X'
        }))
    );
    assert_eq!(
        validate_field(&field("phone"), "(023) 6389 1234").unwrap(),
        "023-63891234"
    );
    assert_eq!(
        validate_field(&field("phone"), "４００ ８１０ ８８８８").unwrap(),
        "400-810-8888"
    );
    assert_eq!(
        validate_field(&field("phone"), "63891234"),
        Err(FieldError::Phone(PhoneError::MissingAreaCode))
    );
    assert_eq!(
        validate_field(&field("email"), "Office@CQ.gov.cn").unwrap(),
        "Office@cq.gov.cn"
    );
    assert!(validate_field(&field("email"), "office＠cq.gov.cn")
        .unwrap_err()
        .to_string()
        .contains("半角 @"));
    // The definition's maximum caps structured kinds too.
    let short_email = text_def(FieldKind::Email, true, 0, 10);
    assert_eq!(
        validate_field(&short_email, "someone@example.com"),
        Err(FieldError::Text(TextError::TooLong { excess: 9 }))
    );
}

#[test]
fn notices_for_valid_values_only() {
    let code = field("credit_code");
    assert!(field_notices(&code, "915000002028033848").is_empty());
    let n = field_notices(&code, "91110000100000000R");
    assert_eq!(n.len(), 1);
    assert!(matches!(n[0], FieldNotice::CreditCode(_)));
    assert_eq!(
        n[0].to_string(),
        "该代码登记机关不在重庆（行政区划码 110000），请核对"
    );
    assert!(field_notices(&code, "91110000100000000X").is_empty());
    assert_eq!(field_notices(&field("email"), "a@163.con").len(), 1);
    assert!(field_notices(&field("work_title"), "anything").is_empty());
}
