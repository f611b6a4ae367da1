//! The unit's list of works (作品列表): each with its state; add, switch, remove.

use super::contest::use_contest;
use super::state::{add_work, use_state};
use crate::core::contest::FieldRole;
use crate::core::submission::WorkState;
use crate::i18n::{t, work_state_label};
use leptos::prelude::*;

/// Tabs of the unit's works, shown above every per-work step.
#[component]
pub fn WorksBar() -> impl IntoView {
    let contest = use_contest();
    let state = use_state();
    let confirm_remove = RwSignal::new(None::<String>);
    // Focus goes back to the bar's add button (the remove button that opened it may be gone).
    let focus = super::confirm::ConfirmFocus::new();
    let close = move || {
        confirm_remove.set(None);
        focus.restore();
    };
    let items = move || {
        let readiness = state.readiness.get();
        state.ws.with(|ws| {
            ws.works
                .iter()
                .enumerate()
                .map(|(i, w)| {
                    let id = w.id.clone();
                    let id2 = w.id.clone();
                    let title = ws
                        .role_value(&contest, Some(&w.id), FieldRole::WorkTitle)
                        .trim()
                        .to_string();
                    let title = if title.is_empty() { format!("{}{}", t().untitled_work, i + 1) } else { title };
                    let st = readiness.state_of(&w.id);
                    let selected = ws.selected.as_deref() == Some(&w.id);
                    let class = match st {
                        WorkState::Ready => "work-state ready",
                        WorkState::Draft => "work-state draft",
                        WorkState::Incomplete { .. } => "work-state incomplete",
                    };
                    view! {
                        <li class="work-tab" class:selected=selected>
                            <button type="button" class="work-select" aria-pressed=selected.to_string()
                                on:click=move |_| { state.write(|ws, _| ws.select(&id)); }>
                                <bdi class="work-title">{title}</bdi>
                                <span class=class>{work_state_label(st)}</span>
                            </button>
                            {(ws.works.len() > 1).then(|| view! {
                                <button type="button" class="work-remove" aria-label=format!("{}{}", t().remove_work, i + 1)
                                    on:click=move |_| confirm_remove.set(Some(id2.clone()))>"×"</button>
                            })}
                        </li>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <div class="works-bar" role="region" aria-label=t().works_label>
            <span class="works-label">{t().works_label}</span>
            <ul class="work-tabs">{items}</ul>
            <button type="button" class="secondary small add-work" node_ref=focus.back_to on:click=move |_| add_work(&state)>{t().add_work}</button>
            {move || confirm_remove.get().map(|id| {
                view! {
                    <div class="confirm-box" role="alertdialog" aria-labelledby="rm-q"
                        on:keydown=move |ev: leptos::ev::KeyboardEvent| if ev.key() == "Escape" { close(); }>
                        <p id="rm-q">{t().remove_work_question}</p>
                        <button type="button" class="danger" on:click=move |_| {
                            // Its video jobs stop and its scan and contact sheet go too:
                            // nothing orphaned.
                            if let Some(w) = state.remove_work(&id) {
                                let mut keys = vec![super::videos::sheet_key(&w.id)];
                                keys.extend(w.pledge.scan.map(|s| s.key));
                                leptos::task::spawn_local(async move {
                                    for k in keys {
                                        let _ = crate::web::blob_store::delete(crate::web::blob_store::Store::Scans, &k).await;
                                    }
                                });
                            }
                            close();
                        }>{t().remove_work_confirm}</button>
                        " "
                        <button type="button" class="secondary" node_ref=focus.cancel on:click=move |_| close()>{t().cancel}</button>
                    </div>
                }
            })}
        </div>
    }
}
