//! Step 3 诚信承诺: the pledge text filled in, the promises, 法定代表人, date, and the scan.

use super::contest::use_contest;
use super::fields::{bilingual, refuse_invisible, refused_note, ConfirmList};
use super::route::Route;
use super::scan::ScanAttachment;
use super::state::use_state;
use crate::core::submission::completeness::keys;
use crate::core::submission::text::{validate_person_name, NAME_MAX_CHARS, NAME_MIN_CHARS};
use crate::core::submission::{validate_date, TickList};
use crate::i18n::{locale, t, Locale};
use leptos::prelude::*;

/// The pledge as the unit will sign it.
#[component]
pub fn PledgeStep() -> impl IntoView {
    let contest = use_contest();
    let rep_refused = RwSignal::new(None::<String>);
    let state = use_state();
    let c2 = contest.clone();
    let text = move || state.ws.with(|w| w.pledge_text(&c2));
    // In English the pledge's translation follows the Chinese the unit signs, marked as such.
    let c3 = contest.clone();
    let text_en = (locale() == Locale::En && !contest.en.pledge.text.is_empty()).then(|| {
        let text = move || {
            state.ws.with(|w| {
                let (name, code) = w.pledge_inputs(&c3);
                c3.pledge_text_en(name, &code).unwrap_or_default()
            })
        };
        view! {
            <p class="pledge-body pledge-body-en" lang=Locale::En.tag()><bdi>{text}</bdi></p>
            <p class="pledge-hint">{t().pledge_translation_note}</p>
        }
    });
    let promises = view! {
        <ConfirmList items=contest.pledge.promises.clone() prefix="promise" list=TickList::Promises/>
    };

    let rep = Memo::new(move |_| {
        state.ws.with(|w| {
            w.selected_work()
                .map(|wk| wk.pledge.legal_representative.clone())
                .unwrap_or_default()
        })
    });
    let date = Memo::new(move |_| {
        state.ws.with(|w| {
            w.selected_work()
                .map(|wk| wk.pledge.date.clone())
                .unwrap_or_default()
        })
    });
    let rep_error = move || {
        (state.is_touched(keys::LEGAL_REPRESENTATIVE, false))
            .then(|| {
                validate_person_name(&rep.get(), true, NAME_MIN_CHARS, NAME_MAX_CHARS)
                    .err()
                    .map(|e| e.to_string())
            })
            .flatten()
    };
    let date_error = move || {
        (state.is_touched(keys::PLEDGE_DATE, false))
            .then(|| validate_date(&date.get()).err().map(|e| e.to_string()))
            .flatten()
    };
    view! {
        <section class="pledge-text card-inset" aria-labelledby="pledge-title">
            <h3 id="pledge-title">{bilingual(contest.pledge.title.clone(), &contest.en.pledge.title)}</h3>
            <p class="pledge-body" lang=(locale() == Locale::En).then_some(Locale::Zh.tag())><bdi>{text}</bdi></p>
            {text_en}
            <p class="pledge-hint">{t().pledge_fill_hint} " " <a href=Route::Step(0).to_hash()>{t().edit_unit}</a></p>
        </section>
        <fieldset class="group">
            <legend>{t().pledge_promises_legend}</legend>
            {promises}
        </fieldset>
        <fieldset class="group">
            <legend>{t().pledge_sign_legend}</legend>
            <div class="field" class:has-error=move || rep_error().is_some()>
                <label for="legal-rep">{t().legal_rep_label}</label>
                <input id="legal-rep" type="text" autocomplete="off"
                    prop:value=move || rep.get()
                    on:input=move |ev| { let v = refuse_invisible(&ev, false, rep_refused); state.edit_selected(|ws, id, now| ws.set_pledge_signer(id, v, now)) }
                    on:blur=move |_| state.touch(keys::LEGAL_REPRESENTATIVE, false)
                    aria-invalid=move || rep_error().is_some().to_string()
                    aria-describedby="legal-rep-hint legal-rep-err"/>
                <p id="legal-rep-hint" class="field-hint">{t().legal_rep_hint}</p>
                <p id="legal-rep-err" class="field-error" role="alert" aria-live="polite">{rep_error}</p>
                {refused_note(rep_refused)}
            </div>
            <div class="field" class:has-error=move || date_error().is_some()>
                <label for="pledge-date">{t().pledge_date_label}</label>
                <input id="pledge-date" type="date"
                    prop:value=move || date.get()
                    on:input=move |ev| { let v = event_target_value(&ev); state.edit_selected(|ws, id, now| ws.set_pledge_date(id, v, now)) }
                    on:blur=move |_| state.touch(keys::PLEDGE_DATE, false)
                    aria-invalid=move || date_error().is_some().to_string()
                    aria-describedby="pledge-date-err"/>
                <button type="button" class="secondary small" on:click=move |_| {
                    let today = crate::web::today_iso();
                    state.edit_selected(|ws, id, now| ws.set_pledge_date(id, today, now));
                }>{t().today}</button>
                <p id="pledge-date-err" class="field-error" role="alert" aria-live="polite">{date_error}</p>
            </div>
        </fieldset>
        <fieldset class="group">
            <legend>{t().print_sign_legend}</legend>
            <p>{if contest.pledge.scan == crate::core::contest::ScanRule::Required { t().print_sign_steps_required } else { t().print_sign_steps }}</p>
            <a class="button secondary" href=Route::Print.to_hash()>{t().open_print_view}</a>
            <ScanAttachment/>
        </fieldset>
    }
}
