//! 电子邮箱: the practical check.

use baosong::core::submission::email::{notices, validate, EmailError, EmailNotice};

#[test]
fn valid_addresses() {
    for raw in [
        "kxj@cq.gov.cn",
        "zhang.san+contest@example.com",
        "a_b-c@mail-server.example.org",
        "12345678@qq.com",
        "  office@cqu.edu.cn  ",
    ] {
        assert!(validate(raw).is_ok(), "{raw}");
    }
    assert_eq!(
        validate(" Zhang@Example.COM ").unwrap(),
        "Zhang@example.com"
    );
}

#[test]
fn fullwidth_at_gets_helpful_message() {
    let err = validate("zhang＠qq.com").unwrap_err();
    assert_eq!(err, EmailError::FullWidthAt);
    assert!(err.to_string().contains("请使用半角 @"));
    assert_eq!(
        validate("zhang@qq。com"),
        Err(EmailError::FullWidthDot { ch: '。' })
    );
}

#[test]
fn broken_addresses() {
    assert_eq!(validate("zhang@qq"), Err(EmailError::MissingDot));
    assert_eq!(
        validate("zhang@qq."),
        Err(EmailError::BadDomain {
            domain: "qq.".into()
        })
    );
    assert_eq!(
        validate("zhang@qq.c"),
        Err(EmailError::BadTld { tld: "c".into() })
    );
    assert_eq!(
        validate("zhang@qq.c0m"),
        Err(EmailError::BadTld { tld: "c0m".into() })
    );
    assert_eq!(validate("zhang@@qq.com"), Err(EmailError::MultipleAt));
    assert_eq!(validate("a@b@qq.com"), Err(EmailError::MultipleAt));
    assert_eq!(validate("zhang san@qq.com"), Err(EmailError::ContainsSpace));
    assert_eq!(validate("zhang@ qq.com"), Err(EmailError::ContainsSpace));
    assert_eq!(validate("zhangqq.com"), Err(EmailError::MissingAt));
    assert_eq!(validate("@qq.com"), Err(EmailError::EmptyLocal));
    assert_eq!(validate("zhang@"), Err(EmailError::EmptyDomain));
    assert_eq!(validate(".zhang@qq.com"), Err(EmailError::LocalDots));
    assert_eq!(validate("zh..ang@qq.com"), Err(EmailError::LocalDots));
    assert_eq!(
        validate("张三@qq.com"),
        Err(EmailError::LocalChar { ch: '张' })
    );
    assert_eq!(
        validate("zhang@q_q.com"),
        Err(EmailError::DomainChar { ch: '_' })
    );
    assert_eq!(
        validate("zhang@-qq.com"),
        Err(EmailError::BadDomain {
            domain: "-qq.com".into()
        })
    );
    assert_eq!(validate(""), Err(EmailError::Empty));
    assert_eq!(
        validate(&format!("{}@qq.com", "a".repeat(65))),
        Err(EmailError::LocalTooLong)
    );
}

#[test]
fn typo_notices_do_not_block() {
    assert!(validate("zhang@qq.con").is_ok());
    assert_eq!(
        notices("zhang@qq.con"),
        vec![EmailNotice::DomainTypo {
            found: "qq.con".into(),
            suggestion: "qq.com".into()
        }]
    );
    assert_eq!(notices("zhang@cqu.edu.con").len(), 1);
    assert!(notices("zhang@qq.com").is_empty());
    assert!(notices("not an address").is_empty());
}
