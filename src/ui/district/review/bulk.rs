//! Acting on several rows at once: the ticked rows (in the order shown) recommended together
//! — each refusal said by title, the others picked — or removed together after one
//! confirmation.

use super::rows::Row;
use crate::i18n::{fill, t};
use crate::ui::confirm::ConfirmFocus;
use crate::ui::district::state::use_district;
use leptos::prelude::*;
use std::collections::BTreeSet;

/// The bar over the table while any row is ticked.
#[component]
pub fn BulkActions(
    selected: RwSignal<BTreeSet<String>>,
    shown: Memo<Vec<Row>>,
    pick_message: RwSignal<Option<String>>,
) -> impl IntoView {
    let state = use_district();
    let d = &t().district;
    let confirming = RwSignal::new(false);
    let focus = ConfirmFocus::new();
    // The ticked rows still there, in the order shown (a removed package drops out).
    let ticked = Memo::new(move |_| {
        selected.with(|s| {
            shown.with(|v| {
                v.iter()
                    .filter(|r| s.contains(&r.id))
                    .map(|r| (r.id.clone(), r.title.clone(), r.picked.is_some()))
                    .collect::<Vec<_>>()
            })
        })
    });
    let pick_all = move |_| {
        let mut done = 0usize;
        let mut refused = Vec::new();
        for (id, title, picked) in ticked.get_untracked() {
            if picked {
                continue;
            }
            match state.pick(&id, "") {
                Ok(()) => done += 1,
                Err(why) => refused.push(fill(d.bulk_refused, &[("title", &title), ("why", &why)])),
            }
        }
        let mut said = vec![fill(d.bulk_picked, &[("done", &done.to_string())])];
        said.extend(refused);
        pick_message.set(Some(said.join(" ")));
        selected.set(BTreeSet::new());
    };
    let remove_all = move |_| {
        for (id, _, _) in ticked.get_untracked() {
            state.remove(&id);
        }
        selected.set(BTreeSet::new());
        confirming.set(false);
    };
    view! {
        {move || {
            let n = ticked.with(Vec::len);
            (n > 0).then(|| view! {
                <div class="bulk-actions" role="group" aria-label=fill(d.bulk_count, &[("n", &n.to_string())])>
                    <span class="bulk-count" aria-live="polite">{fill(d.bulk_count, &[("n", &n.to_string())])}</span>
                    <button type="button" class="small primary" on:click=pick_all>{d.bulk_pick}</button>
                    <button type="button" class="small danger" node_ref=focus.back_to on:click=move |_| confirming.set(true)>{d.bulk_remove}</button>
                    <button type="button" class="small secondary" on:click=move |_| selected.set(BTreeSet::new())>{d.bulk_clear}</button>
                    {move || confirming.get().then(|| view! {
                        <div class="confirm" role="alertdialog" aria-labelledby="bulk-remove-q">
                            <p id="bulk-remove-q">{fill(d.bulk_remove_confirm, &[("n", &n.to_string())])}</p>
                            <button type="button" class="small danger" on:click=remove_all>{d.bulk_remove_yes}</button>
                            <button type="button" class="small secondary" node_ref=focus.cancel
                                on:click=move |_| { confirming.set(false); focus.restore(); }>{t().cancel}</button>
                        </div>
                    })}
                </div>
            })
        }}
    }
}
