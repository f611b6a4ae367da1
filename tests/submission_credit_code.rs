//! 统一社会信用代码: the core's check against an independent formulation, and each kind
//! of wrong input.
#![cfg(not(target_arch = "wasm32"))]

use baosong::core::submission::credit_code::{
    self, normalize, notices, validate, CreditCodeError, CreditCodeNotice,
};
use proptest::prelude::*;

/// The code alphabet built from scratch: digits, then A–Z without I O S V Z.
fn alphabet() -> Vec<char> {
    ('0'..='9')
        .chain(('A'..='Z').filter(|c| !"IOSVZ".contains(*c)))
        .collect()
}

/// Independent check: the character `c` that makes Σ value×3^i (i = 0..=16) + value(c)
/// ≡ 0 (mod 31), found by trying all 31. Weights come from repeated multiplication.
fn independent_check(body: &str) -> char {
    let alpha = alphabet();
    let value = |ch: char| alpha.iter().position(|&a| a == ch).unwrap() as u64;
    let mut weight = 1u64;
    let mut sum = 0u64;
    for ch in body.chars() {
        sum += value(ch) * weight;
        weight = weight * 3 % 31;
    }
    *alpha
        .iter()
        .find(|&&c| (sum + value(c)).is_multiple_of(31))
        .expect("exactly one character closes the sum")
}

fn body_from(indices: &[usize]) -> String {
    let alpha = alphabet();
    indices.iter().map(|&i| alpha[i]).collect()
}

#[test]
fn alphabet_matches_core() {
    assert_eq!(
        alphabet().into_iter().collect::<String>(),
        credit_code::ALPHABET
    );
}

#[test]
fn seeded_bodies_accept_only_their_check_character() {
    // A small LCG keeps this deterministic and independent of proptest's shrinking.
    let mut state: u64 = 0x5EED_2023;
    let alpha = alphabet();
    for _ in 0..300 {
        let indices: Vec<usize> = (0..17)
            .map(|_| {
                state = state
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                ((state >> 33) % 31) as usize
            })
            .collect();
        let body = body_from(&indices);
        let check = independent_check(&body);
        let code = format!("{body}{check}");
        assert_eq!(validate(&code).unwrap().as_str(), code);
        for &other in alpha.iter().filter(|&&c| c != check) {
            assert_eq!(
                validate(&format!("{body}{other}")),
                Err(CreditCodeError::BadCheck {
                    expected: check,
                    found: other
                }),
            );
        }
    }
}

proptest! {
    #[test]
    fn random_bodies_roundtrip(indices in proptest::collection::vec(0usize..31, 17)) {
        let body = body_from(&indices);
        let check = independent_check(&body);
        let code = format!("{body}{check}");
        prop_assert_eq!(validate(&code).map(|c| c.as_str().to_string()), Ok(code.clone()));
        prop_assert_eq!(credit_code::check_char(&body), Some(check));
        // Lower case and spaces are forgiven.
        let sloppy = format!(" {} {} ", code[..8].to_lowercase(), &code[8..]);
        prop_assert_eq!(validate(&sloppy).map(|c| c.as_str().to_string()), Ok(code));
    }
}

#[test]
fn real_looking_codes_verified_independently() {
    // GB 32100-2015's own example, a Chongqing enterprise, a Chongqing public institution,
    // a Beijing enterprise: each check character first confirmed by the independent method.
    for code in [
        "91350100M000100Y43",
        "915000002028033848",
        "12500000450400000C",
        "91500103MA5U0000RT",
        "91110000100000000R",
    ] {
        assert_eq!(
            independent_check(&code[..17]),
            code.chars().last().unwrap(),
            "{code}"
        );
        assert!(validate(code).is_ok(), "{code}");
    }
    // A plausible-looking code from memory that does not check out.
    assert_eq!(
        validate("91500000202803384X"),
        Err(CreditCodeError::BadCheck {
            expected: '8',
            found: 'X'
        })
    );
    assert_eq!(
        validate("91500000202803384X").unwrap_err().to_string(),
        "校验位应为 8，现在是 X，请逐位核对代码"
    );
}

#[test]
fn wrong_lengths() {
    assert_eq!(
        validate("91500000202803384"),
        Err(CreditCodeError::WrongLength { len: 17 })
    );
    assert_eq!(
        validate("9150000020280338480"),
        Err(CreditCodeError::WrongLength { len: 19 })
    );
    assert_eq!(validate("  "), Err(CreditCodeError::Empty));
    assert!(validate("915")
        .unwrap_err()
        .to_string()
        .contains("应为 18 位，现在是 3 位"));
}

#[test]
fn lower_case_is_upper_cased() {
    let code = validate("91500103ma5u0000rt").unwrap();
    assert_eq!(code.as_str(), "91500103MA5U0000RT");
    assert_eq!(normalize("9150 0103 ma5u 0000 rt"), "91500103MA5U0000RT");
    // Full-width characters from a Chinese IME count as their ASCII twins.
    assert!(validate("９１５０００００２０２８０３３８４８").is_ok());
}

#[test]
fn forbidden_letters_with_position() {
    for (i, bad) in "IOSVZ".chars().enumerate() {
        let position = 3 + i;
        let mut code: Vec<char> = "915000002028033848".chars().collect();
        code[position - 1] = bad;
        let code: String = code.into_iter().collect();
        let err = validate(&code).unwrap_err();
        assert_eq!(err, CreditCodeError::ForbiddenChar { position, ch: bad });
        assert_eq!(
            err.to_string(),
            format!("第 {position} 位的“{bad}”不是有效字符（信用代码不使用 I、O、S、V、Z）")
        );
    }
    // Lower-case forbidden letters are reported upper-cased, at the right position.
    assert_eq!(
        validate("9150o000202803384"),
        Err(CreditCodeError::ForbiddenChar {
            position: 5,
            ch: 'O'
        })
    );
    // Other characters too, even before the length is right.
    let err = validate("91500-").unwrap_err();
    assert_eq!(
        err,
        CreditCodeError::ForbiddenChar {
            position: 6,
            ch: '-'
        }
    );
    assert!(err.to_string().contains("只含数字和大写字母"));
}

#[test]
fn registration_notices() {
    let cq = validate("915000002028033848").unwrap();
    assert!(notices(&cq).is_empty());
    assert_eq!(cq.division_code(), "500000");
    assert_eq!(cq.organisation_code(), "202803384");
    assert_eq!(
        credit_code::registration_department(cq.department_code()),
        Some("工商（市场监管）")
    );

    let beijing = validate("91110000100000000R").unwrap();
    let n = notices(&beijing);
    assert_eq!(
        n,
        vec![CreditCodeNotice::OutsideChongqing {
            division: "110000".into()
        }]
    );
    assert_eq!(
        n[0].to_string(),
        "该代码登记机关不在重庆（行政区划码 110000），请核对"
    );

    let fujian = validate("91350100M000100Y43").unwrap();
    assert!(notices(&fujian).iter().any(
        |n| matches!(n, CreditCodeNotice::OutsideChongqing { division } if division == "350100")
    ));
}
