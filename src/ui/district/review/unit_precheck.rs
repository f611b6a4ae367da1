//! The unit's pre-check (画面声音预检) in an open row, as its package carries it: hints for
//! the office to look at, never the office's own verdict.

use crate::core::precheck::{Finding, PlaceWords, Precheck};
use crate::i18n::{fill, t};
use leptos::prelude::*;

/// Where and how long a pre-check hint was seen, e.g. `00:03 · 约 4.0 秒`; empty when neither.
fn hint_place(f: &Finding) -> String {
    f.place(&PlaceWords {
        lasting: t().district.precheck_lasting,
        joiner: " · ",
        nowhere: "",
    })
}

/// The unit's pre-check as its package carries it: the hints with rule, place and fix, the
/// loudness, and what could not run. Hints only: the office's own checks are above.
pub fn precheck_view(precheck: Option<&Precheck>) -> AnyView {
    let d = &t().district;
    let Some(p) = precheck else {
        return view! { <p class="precheck-none">{d.precheck_none}</p> }.into_any();
    };
    let hints = p
        .findings
        .iter()
        .map(|f| {
            let place = hint_place(f);
            view! {
                <li>
                    <strong>{f.rule.clone()}</strong>" "
                    {(!place.is_empty()).then(|| view! { <span class="place">{place}</span>" " })}
                    <bdi>{f.message.clone()}</bdi>
                    <br/><small>{d.precheck_fix}<bdi>{f.fix.clone()}</bdi></small>
                </li>
            }
        })
        .collect_view();
    let loudness = p.sound.as_ref().map(|s| {
        let (lufs, peak) = s.levels_with_units();
        fill(d.precheck_loudness, &[("lufs", &lufs), ("peak", &peak)])
    });
    let limits = p
        .limits
        .iter()
        .map(|l| view! { <li><bdi>{l.clone()}</bdi></li> })
        .collect_view();
    view! {
        {if p.findings.is_empty() {
            view! { <p class="ok">{d.precheck_clear}</p> }.into_any()
        } else {
            view! { <ul class="precheck-list">{hints}</ul> }.into_any()
        }}
        {loudness.map(|l| view! { <p class="loudness">{l}</p> })}
        {(!p.limits.is_empty()).then(|| view! {
            <p>{d.precheck_limits}</p><ul class="precheck-limits">{limits}</ul>
        })}
    }
    .into_any()
}
