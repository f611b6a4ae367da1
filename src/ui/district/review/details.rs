//! One received package opened in the review: its 报送表 fields, what the verifier found, its
//! flags and video checks, the contact sheet and the unit's pre-check, and the override note.

use super::sheet::use_contact_sheet;
use super::unit_precheck::precheck_view;
use crate::i18n::t;
use crate::ui::district::state::{missing_file_hint, use_district};
use crate::web::files::picked_file;
use leptos::prelude::*;

/// One package opened: its 报送表 fields, what the verifier found, its flags and video
/// checks, the contact sheet and the unit's pre-check, and, when a blocking flag stops the
/// pick, the note that overrides it.
#[component]
pub fn Details(id: String, pick_message: RwSignal<Option<String>>) -> impl IntoView {
    let state = use_district();
    let d = &t().district;
    let note = RwSignal::new(String::new());
    let sheet = use_contact_sheet(state, &id);
    let key = id;
    let body = move || {
        state.ws.with(|ws| {
            let e = ws.collection.entry(&key)?.clone();
            let flags = state.flags.with(|f| f.get(&key).cloned()).unwrap_or_default();
            let checks = ws.collection.inspection_of(&e).map(|i| i.checks.clone()).unwrap_or_default();
            let picked = ws.recommendation.position(&key).is_some();
            Some((e, flags, checks, picked))
        })
        .map(|(e, flags, checks, picked)| {
            let fields = e
                .opened
                .submission
                .as_ref()
                .map(|s| {
                    s.content
                        .fields
                        .iter()
                        .map(|f| view! { <dt>{f.label.clone()}</dt><dd><bdi>{f.value.clone()}</bdi></dd> })
                        .collect_view()
                });
            let problems = e
                .opened
                .problems
                .iter()
                .map(|p| view! { <li>{p.problem.clone()}</li> })
                .collect_view();
            let flag_items = flags
                .iter()
                .map(|f| view! { <li class:blocks=f.kind.blocks()><strong>{f.kind.label()}</strong>{d.colon}{f.message.clone()}</li> })
                .collect_view();
            let check_rows = checks
                .iter()
                .map(|c| view! { <li class=c.status.code()>{c.message.clone()}</li> })
                .collect_view();
            let blocked = flags.iter().any(|f| f.kind.blocks());
            let id2 = e.id.clone();
            let override_pick = move |_| {
                pick_message.set(state.pick(&id2, &note.get_untracked()).err());
            };
            let missing = e.video_inside_unhashed() && !state.has_file(&e.id);
            let id3 = e.id.clone();
            let sheet_view = match (e.contact_sheet().is_some(), sheet.get()) {
                (true, Some(url)) => view! {
                    <figure class="contact-sheet"><img src=url alt=d.sheet_alt/></figure>
                }
                .into_any(),
                // Still being read, or the file must be chosen again (said above).
                (true, None) => ().into_any(),
                (false, _) => view! { <p class="sheet-none">{d.sheet_none}</p> }.into_any(),
            };
            let precheck = precheck_view(e.precheck());
            view! {
                <h4><bdi>{e.work_title().to_string()}</bdi></h4>
                <p class="file-name"><bdi>{e.source.name.clone()}</bdi></p>
                {missing.then(|| view! {
                    <div class="field">
                        <label for="supply-file">{missing_file_hint(&e.source.name)}</label>
                        <input id="supply-file" type="file" accept=".zip" on:change=move |ev| {
                            if let Some(f) = picked_file(&ev) { state.supply(&id3, f); }
                        }/>
                    </div>
                })}
                <dl class="form-fields">{fields}</dl>
                <h5>{d.details_problems}</h5>
                {if e.opened.problems.is_empty() { view! { <p class="ok">{d.form_ok}</p> }.into_any() } else { view! { <ul class="verify-problems">{problems}</ul> }.into_any() }}
                <h5>{d.details_flags}</h5>
                {if flags.is_empty() { view! { <p class="ok">{d.no_flags}</p> }.into_any() } else { view! { <ul class="flag-list">{flag_items}</ul> }.into_any() }}
                <h5>{d.details_checks}</h5>
                <ul class="check-list">{check_rows}</ul>
                <h5>{d.details_sheet}</h5>
                {sheet_view}
                <h5>{d.details_precheck}</h5>
                {precheck}
                {(blocked && !picked).then(|| view! {
                    <div class="field override">
                        <label for="override-note">{d.override_label}</label>
                        <textarea id="override-note" rows="2" prop:value=move || note.get() on:input=move |ev| note.set(event_target_value(&ev))></textarea>
                        <button type="button" on:click=override_pick.clone()>{d.override_pick}</button>
                    </div>
                })}
            }
        })
    };
    view! {
        <div class="details" role="region" aria-label=d.details_region>{body}</div>
    }
}
