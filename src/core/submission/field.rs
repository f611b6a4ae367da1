//! Validating one form field's value by its [`FieldDefinition`] (字段校验), plus
//! non-blocking notices (提示) such as a credit code registered outside Chongqing.

use super::{credit_code, email, phone, text};
use crate::core::contest::{FieldDefinition, FieldKind};

/// Why a field's value is not acceptable; `Display` is the Chinese message shown by the field.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FieldError {
    /// Free-text rules: required, length, control characters, names.
    #[error(transparent)]
    Text(#[from] text::TextError),
    /// 统一社会信用代码.
    #[error(transparent)]
    CreditCode(#[from] credit_code::CreditCodeError),
    /// 联系电话.
    #[error(transparent)]
    Phone(#[from] phone::PhoneError),
    /// 电子邮箱.
    #[error(transparent)]
    Email(#[from] email::EmailError),
}

/// Something about a valid value worth a second look; never blocks.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FieldNotice {
    /// About the credit code (e.g. not registered in Chongqing).
    #[error(transparent)]
    CreditCode(#[from] credit_code::CreditCodeNotice),
    /// About the e-mail address (a likely typo).
    #[error(transparent)]
    Email(#[from] email::EmailNotice),
}

/// Validates `raw` as the field `def` requires and returns the normalised value to show,
/// print and package. An empty optional field is `Ok("")`.
pub fn validate_field(def: &FieldDefinition, raw: &str) -> Result<String, FieldError> {
    let (min, max) = (def.min_chars, def.max_chars);
    // Emptiness is judged the same way for every kind so "此项必填" reads the same everywhere.
    if raw.trim().is_empty() {
        return if def.required {
            Err(text::TextError::Required.into())
        } else {
            Ok(String::new())
        };
    }
    let value = match def.kind {
        FieldKind::Text => text::validate_text(raw, false, def.required, min, max)?,
        FieldKind::Multiline => text::validate_text(raw, true, def.required, min, max)?,
        FieldKind::PersonName => text::validate_person_name(raw, def.required, min, max)?,
        FieldKind::CreditCode => credit_code::validate(raw)?.as_str().to_string(),
        FieldKind::Phone => phone::parse(raw)?.to_string(),
        FieldKind::Email => email::validate(raw)?,
    };
    // The structured kinds have their own, stricter rules; the definition's maximum still
    // caps them (e.g. an e-mail must fit its box on the printed form). Their minimum is
    // implied by the format, so applying `min_chars` would only duplicate a worse message.
    if matches!(
        def.kind,
        FieldKind::CreditCode | FieldKind::Phone | FieldKind::Email
    ) {
        text::check_length(&value, 0, max)?;
    }
    Ok(value)
}

/// Non-blocking notices for a value; empty when the value is invalid or unremarkable.
pub fn field_notices(def: &FieldDefinition, raw: &str) -> Vec<FieldNotice> {
    match def.kind {
        FieldKind::CreditCode => match credit_code::validate(raw) {
            Ok(code) => credit_code::notices(&code)
                .into_iter()
                .map(Into::into)
                .collect(),
            Err(_) => Vec::new(),
        },
        FieldKind::Email => email::notices(raw).into_iter().map(Into::into).collect(),
        _ => Vec::new(),
    }
}
