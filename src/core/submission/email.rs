//! 电子邮箱: a practical address check (not full RFC 5322) that catches the typing
//! mistakes people actually make, with a message that says how to fix each.

/// Why an e-mail address was rejected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EmailError {
    /// Nothing was typed.
    #[error("请填写电子邮箱")]
    Empty,
    /// The full-width ＠ of Chinese input methods.
    #[error("请使用半角 @（现在是全角“＠”，可切换到英文输入法后重新输入）")]
    FullWidthAt,
    /// A space or other whitespace inside the address.
    #[error("电子邮箱中不能有空格")]
    ContainsSpace,
    /// No @ at all.
    #[error("电子邮箱缺少 @，如 name@example.com")]
    MissingAt,
    /// More than one @.
    #[error("电子邮箱只能有一个 @")]
    MultipleAt,
    /// Nothing before the @.
    #[error("@ 前面缺少用户名")]
    EmptyLocal,
    /// The part before the @ is too long (over 64 characters).
    #[error("@ 前面的用户名过长（最多 64 个字符）")]
    LocalTooLong,
    /// A character not allowed before the @.
    #[error("@ 前面不能有“{ch}”")]
    LocalChar {
        /// The offending character.
        ch: char,
    },
    /// A dot at the start or end of the user name, or two dots in a row.
    #[error("@ 前面的用户名不能以“.”开头或结尾，也不能有连续的“..”")]
    LocalDots,
    /// Nothing after the @.
    #[error("@ 后面缺少域名，如 example.com")]
    EmptyDomain,
    /// A full-width or ideographic full stop in the domain (`qq。com`).
    #[error("域名中请使用半角句点“.”（现在是“{ch}”）")]
    FullWidthDot {
        /// The look-alike character.
        ch: char,
    },
    /// A character not allowed in a domain.
    #[error("域名中不能有“{ch}”")]
    DomainChar {
        /// The offending character.
        ch: char,
    },
    /// The domain has no dot.
    #[error("邮箱域名不完整，缺少“.”，如 example.com")]
    MissingDot,
    /// An empty or malformed domain label (`a..com`, `-a.com`).
    #[error("域名“{domain}”格式不正确")]
    BadDomain {
        /// The domain as typed.
        domain: String,
    },
    /// The last label is not at least two letters.
    #[error("域名后缀“{tld}”不正确，应为至少 2 个字母，如 .com、.cn")]
    BadTld {
        /// The last label.
        tld: String,
    },
    /// Longer than the 254 characters mail systems accept.
    #[error("电子邮箱过长")]
    TooLong,
}

/// A likely typo in a valid-looking address; shown as a question, never blocks.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EmailNotice {
    /// The domain looks like a misspelling of a common one.
    #[error("域名“{found}”是否应为“{suggestion}”？请核对")]
    DomainTypo {
        /// The domain as typed (lower case).
        found: String,
        /// What it probably should be.
        suggestion: String,
    },
}

/// Characters RFC 5322 allows unquoted in the local part besides letters and digits.
const LOCAL_SPECIALS: &str = "!#$%&'*+/=?^_`{|}~.-";

/// Checks an address and returns it trimmed, with the domain lower-cased.
pub fn validate(raw: &str) -> Result<String, EmailError> {
    let s = raw.trim();
    if s.is_empty() {
        return Err(EmailError::Empty);
    }
    if s.contains('＠') {
        return Err(EmailError::FullWidthAt);
    }
    if s.chars().any(char::is_whitespace) {
        return Err(EmailError::ContainsSpace);
    }
    if s.chars().count() > 254 {
        return Err(EmailError::TooLong);
    }
    let (local, domain) = match s.split_once('@') {
        None => return Err(EmailError::MissingAt),
        Some((_, d)) if d.contains('@') => return Err(EmailError::MultipleAt),
        Some(parts) => parts,
    };
    check_local(local)?;
    let domain = check_domain(domain)?;
    Ok(format!("{local}@{domain}"))
}

fn check_local(local: &str) -> Result<(), EmailError> {
    if local.is_empty() {
        return Err(EmailError::EmptyLocal);
    }
    if let Some(ch) = local
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || LOCAL_SPECIALS.contains(*c)))
    {
        return Err(EmailError::LocalChar { ch });
    }
    if local.len() > 64 {
        return Err(EmailError::LocalTooLong);
    }
    if local.starts_with('.') || local.ends_with('.') || local.contains("..") {
        return Err(EmailError::LocalDots);
    }
    Ok(())
}

fn check_domain(domain: &str) -> Result<String, EmailError> {
    if domain.is_empty() {
        return Err(EmailError::EmptyDomain);
    }
    if let Some(ch) = domain.chars().find(|c| matches!(c, '。' | '．' | '｡')) {
        return Err(EmailError::FullWidthDot { ch });
    }
    if let Some(ch) = domain
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '.' | '-')))
    {
        return Err(EmailError::DomainChar { ch });
    }
    if !domain.contains('.') {
        return Err(EmailError::MissingDot);
    }
    let lower = domain.to_ascii_lowercase();
    let bad = || EmailError::BadDomain {
        domain: domain.to_string(),
    };
    for label in lower.split('.') {
        if label.is_empty() || label.len() > 63 || label.starts_with('-') || label.ends_with('-') {
            return Err(bad());
        }
    }
    let tld = lower.rsplit('.').next().unwrap_or_default();
    if tld.len() < 2 || !tld.bytes().all(|b| b.is_ascii_alphabetic()) {
        return Err(EmailError::BadTld {
            tld: tld.to_string(),
        });
    }
    Ok(lower)
}

/// Likely-typo notices for an address (empty when it is invalid or looks fine).
pub fn notices(raw: &str) -> Vec<EmailNotice> {
    let Ok(address) = validate(raw) else {
        return Vec::new();
    };
    let domain = address.rsplit('@').next().unwrap_or_default();
    // Misspellings of the domains most Chinese offices use, plus the `.con` slip.
    let known: &[(&str, &str)] = &[
        ("qq.con", "qq.com"),
        ("qq.cm", "qq.com"),
        ("qq.co", "qq.com"),
        ("163.con", "163.com"),
        ("163.cm", "163.com"),
        ("126.con", "126.com"),
        ("126.cm", "126.com"),
        ("gmial.com", "gmail.com"),
        ("gmai.com", "gmail.com"),
        ("hotmial.com", "hotmail.com"),
        ("sina.con", "sina.com"),
    ];
    let suggestion = known
        .iter()
        .find(|(typo, _)| *typo == domain)
        .map(|(_, fix)| fix.to_string())
        .or_else(|| {
            domain
                .strip_suffix(".con")
                .map(|stem| format!("{stem}.com"))
        });
    suggestion
        .map(|suggestion| EmailNotice::DomainTypo {
            found: domain.to_string(),
            suggestion,
        })
        .into_iter()
        .collect()
}
