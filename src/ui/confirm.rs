//! The focus protocol of an inline confirmation (an `alertdialog`): when it opens, focus goes
//! to its safe answer; when it closes, back to a button outside it. Shared by every one.

use leptos::html::Button;
use leptos::prelude::*;

/// The two buttons the focus moves between.
#[derive(Clone, Copy)]
pub struct ConfirmFocus {
    /// The confirmation's safe answer (取消), focused as soon as it is mounted.
    pub cancel: NodeRef<Button>,
    /// Where focus returns when the confirmation closes.
    pub back_to: NodeRef<Button>,
}

impl ConfirmFocus {
    /// Both refs, with the effect that focuses 取消 whenever the confirmation mounts.
    pub fn new() -> Self {
        let focus = ConfirmFocus {
            cancel: NodeRef::new(),
            back_to: NodeRef::new(),
        };
        Effect::new(move |_| {
            if let Some(b) = focus.cancel.get() {
                let _ = b.focus();
            }
        });
        focus
    }

    /// Gives focus back to [`ConfirmFocus::back_to`] (the confirmation has closed).
    pub fn restore(&self) {
        if let Some(b) = self.back_to.get_untracked() {
            let _ = b.focus();
        }
    }
}
