//! After the download (报送): the definition's checklist for the package just made, each step
//! ticked and kept with the work, printable on its own; and a warning when the work changed
//! since, with the definition's word on what to do.

use super::contest::use_contest;
use super::mark::Mark;
use super::shell::format_date;
use super::state::use_state;
use crate::core::contest::FieldRole;
use crate::core::submission::{checklist, delivery::fill_delivery, DeliveryContext};
use crate::i18n::{fill, locale, t, Locale};
use leptos::prelude::*;

/// Class on `<html>` while the checklist alone is printed (style/print.css).
const PRINTING: &str = "printing-delivery";

/// The checklist of the selected work's last package; nothing before the first download or
/// when the definition has none.
#[component]
pub fn DeliveryChecklist(mark: ReadSignal<Mark>) -> impl IntoView {
    let state = use_state();
    let contest = use_contest();
    move || {
        let def = contest.clone();
        let (id, delivery, hashed, title, district) = state.ws.with(|ws| {
            let w = ws.selected_work()?;
            let title = ws
                .role_value(&def, Some(&w.id), FieldRole::WorkTitle)
                .to_string();
            let hashed = w.video.as_ref().is_some_and(|v| v.sha256.is_some());
            Some((
                w.id.clone(),
                w.delivery.clone()?,
                hashed,
                title,
                ws.unit.district.clone(),
            ))
        })?;
        if def.delivery.steps.is_empty() {
            return None;
        }
        let english = locale() == Locale::En;
        let deadline = def.unit_deadline().map(format_date).unwrap_or_default();
        let ctx = DeliveryContext {
            district: &district,
            title: &title,
            deadline: &deadline,
        };
        // The English wording where the definition has one; the Chinese otherwise.
        let lines = checklist(&def, &delivery, ctx, |s| {
            english
                .then(|| def.en.delivery.steps.get(&s.id).cloned())
                .flatten()
                .unwrap_or_else(|| s.text.clone())
        });
        let after_edit = match (english, def.en.delivery.after_edit.as_str()) {
            (true, en) if !en.is_empty() => en.to_string(),
            _ => def.delivery.after_edit.clone(),
        };
        let after_edit = fill_delivery(&after_edit, &delivery, ctx);
        let changed = fill(t().delivery_outdated, &[("package", &delivery.package)]);
        let all_done = lines.iter().all(|l| l.done);
        // Changed when the 核验码 now differs, or the video has no hash any more; a mark not
        // yet computed is no change.
        let outdated = mark.with(|m| match m {
            Some((code, _)) => delivery.outdated(Some(code)),
            None => !hashed,
        });
        // One handler for the list: the box's id names its step (`delivery-paper`).
        let tick = move |ev: leptos::ev::Event| {
            // Only the list's checkboxes change inside it.
            let input = event_target::<web_sys::HtmlInputElement>(&ev);
            let step = input.id();
            let Some(step) = step.strip_prefix("delivery-") else {
                return;
            };
            state.write(|ws, _| ws.set_delivery_done(&id, step, input.checked()));
        };
        Some(view! {
            <section class="delivery" aria-labelledby="delivery-heading">
                <h3 id="delivery-heading">{t().delivery_heading}</h3>
                {outdated.then(|| view! {
                    <div class="delivery-outdated" role="alert">
                        <p><bdi>{changed}</bdi></p>
                        <p><bdi>{after_edit}</bdi></p>
                    </div>
                })}
                <p class="field-hint no-print">{t().delivery_intro}</p>
                <ol class="delivery-steps" on:change=tick>
                    {lines.into_iter().map(|line| {
                        let input_id = format!("delivery-{}", line.id);
                        view! {
                            <li class:done=line.done>
                                <input type="checkbox" id=input_id.clone() prop:checked=line.done/>
                                <label for=input_id><bdi>{line.text}</bdi></label>
                            </li>
                        }
                    }).collect_view()}
                </ol>
                {all_done.then(|| view! { <p class="delivery-all-done" role="status">{t().delivery_all_done}</p> })}
                <button type="button" class="secondary no-print" on:click=|_| print_checklist()>
                    {t().delivery_print}
                </button>
            </section>
        })
    }
}

/// Prints the checklist alone: the page is marked while the print dialog is open.
fn print_checklist() {
    let Some(html) = document().document_element() else {
        return;
    };
    let _ = html.class_list().add_1(PRINTING);
    let _ = window().print();
    let _ = html.class_list().remove_1(PRINTING);
}
