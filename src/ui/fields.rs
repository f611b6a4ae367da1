//! Labelled, validated inputs. Every input has a `<label>`, its hint and error are tied to it
//! by `aria-describedby`, and errors are announced through a live region.

use super::contest::use_contest;
use super::state::use_state;
use crate::core::contest::{Confirmation, FieldDefinition, FieldKind, FieldScope};

use crate::core::submission::{
    char_count, field_notices, hints_seen_key, validate_field, TickList,
};
use crate::i18n::{locale, Locale};
use leptos::prelude::*;

/// Whether the English interface is on (fixed for the page's life: a switch reloads).
fn english() -> bool {
    locale() == Locale::En
}

/// An official Chinese label and, in the English interface, its English beside it
/// (`创作单位 · Creating unit`), each part marked with its language; Chinese alone otherwise,
/// or when the definition has no English for it.
pub fn bilingual(zh: String, en: &str) -> AnyView {
    if english() && !en.is_empty() {
        view! {
            <span lang=Locale::Zh.tag()>{zh}</span>
            <span class="bilingual-sep" aria-hidden="true">" · "</span>
            <span class="bilingual-en" lang=Locale::En.tag()>{en.to_string()}</span>
        }
        .into_any()
    } else {
        zh.into_any()
    }
}

/// Like [`bilingual`] for a sentence: the English on its own line under the Chinese.
pub fn bilingual_block(zh: String, en: &str) -> AnyView {
    if english() && !en.is_empty() {
        view! {
            <span lang=Locale::Zh.tag()>{zh}</span>
            <br/>
            <span class="bilingual-en" lang=Locale::En.tag()>{en.to_string()}</span>
        }
        .into_any()
    } else {
        zh.into_any()
    }
}

/// Explanatory text (a hint, a detail) in the interface's language when the definition has
/// it, otherwise the Chinese; with the `lang` to mark it by. Only official labels go bilingual.
fn explanation(zh: &str, en: &str) -> (String, Option<&'static str>) {
    match (english(), en.is_empty()) {
        (true, false) => (en.to_string(), None),
        (true, true) if !zh.is_empty() => (zh.to_string(), Some(Locale::Zh.tag())),
        _ => (zh.to_string(), None),
    }
}

/// One field of the contest's form, bound to the workspace by its scope.
#[component]
pub fn FormField(field: FieldDefinition) -> impl IntoView {
    let contest = use_contest();
    let state = use_state();
    let id = field.id.clone();
    let input_id = format!("f-{}", field.id);
    let hint_id = format!("{input_id}-hint");
    let err_id = format!("{input_id}-err");
    let field_r = StoredValue::new(field.clone());
    let contest_r = StoredValue::new(contest.clone());
    let id_r = StoredValue::new(id.clone());

    let value = Memo::new(move |_| {
        let wid = state.work_id();
        state.ws.with(|ws| {
            ws.value(&contest_r.get_value(), wid.as_deref(), &id_r.get_value())
                .to_string()
        })
    });
    // Event handlers hold plain clones, not the component's stored values: a blur fires
    // when the page changes and removes the focused input, after those are disposed.
    let (c_set, id_set) = (contest.clone(), id.clone());
    let set = move |raw: String| {
        let wid = state.work_id();
        state.write(|ws, now| ws.set_value(&c_set, wid.as_deref(), &id_set, raw, now));
    };
    let unit_scope = field.scope == FieldScope::Unit;
    let check = Memo::new(move |_| field_r.with_value(|f| validate_field(f, &value.get())));
    // Errors show once the field was left, or as soon as a fixed-length code is complete.
    let show_error = move || {
        let full = field_r.with_value(|f| {
            f.kind == FieldKind::CreditCode && char_count(value.get().trim()) >= f.max_chars
        });
        check.with(|c| c.is_err()) && (state.is_touched(&id_r.get_value(), unit_scope) || full)
    };
    let error_text = move || {
        show_error()
            .then(|| check.with(|c| c.as_ref().err().map(|e| e.to_string())))
            .flatten()
    };
    let notices = move || {
        field_r
            .with_value(|f| field_notices(f, &value.get()))
            .into_iter()
            .map(|n| view! { <p class="field-notice">{n.to_string()}</p> })
            .collect_view()
    };
    let counter = {
        let max = field.max_chars;
        move || format!("{} / {}", char_count(value.get().trim()), max)
    };
    let over = {
        let max = field.max_chars;
        move || char_count(value.get().trim()) > max
    };
    let describedby = format!("{hint_id} {err_id}");
    let refused = RwSignal::new(None::<String>);
    let zero_width = crate::core::submission::zero_width_matters(&field);
    let on_input = move |ev: leptos::ev::Event| set(refuse_invisible(&ev, zero_width, refused));
    let id_blur = id.clone();
    let on_blur = move |_| state.touch(&id_blur, unit_scope);
    let english = contest.field_en(&field.id).cloned();
    let label = bilingual(
        field.label.clone(),
        english.as_ref().map_or("", |e| e.label.as_str()),
    );
    let (hint, hint_lang) = explanation(
        &field.hint,
        english.as_ref().map_or("", |e| e.hint.as_str()),
    );
    let required = field.required;
    let control = if field.kind == FieldKind::Multiline {
        view! {
            <textarea
                id=input_id.clone()
                name=field.id.clone()
                rows="8"
                prop:value=move || value.get()
                on:input=on_input
                on:blur=on_blur
                aria-invalid=move || show_error().to_string()
                aria-describedby=describedby.clone()
                aria-required=required.to_string()
            ></textarea>
        }
        .into_any()
    } else {
        let (ty, mode, auto) = match field.kind {
            FieldKind::Email => ("email", "email", "email"),
            FieldKind::Phone => ("tel", "tel", "tel"),
            FieldKind::CreditCode => ("text", "text", "off"),
            FieldKind::PersonName => ("text", "text", "name"),
            _ => ("text", "text", "on"),
        };
        view! {
            <input
                id=input_id.clone()
                name=field.id.clone()
                type=ty
                inputmode=mode
                autocomplete=auto
                spellcheck="false"
                prop:value=move || value.get()
                on:input=on_input
                on:blur=on_blur
                aria-invalid=move || show_error().to_string()
                aria-describedby=describedby.clone()
                aria-required=required.to_string()
            />
        }
        .into_any()
    };
    view! {
        <div class="field" class:has-error=show_error class:multiline=field.kind == FieldKind::Multiline>
            <div class="label-row">
                <label for=input_id.clone()>{label}</label>
                {required.then(|| view! { <span class="required" aria-hidden="true">"*"</span> })}
            </div>
            {control}
            <div class="field-meta">
                <p id=hint_id class="field-hint" lang=hint_lang>{hint}</p>
                <span class="counter" class:over=over aria-hidden="true">{counter}</span>
            </div>
            <p id=err_id class="field-error" role="alert" aria-live="polite">{error_text}</p>
            {refused_note(refused)}
            {notices}
        </div>
    }
}

/// A checkbox with its statement as the label, bound to a bool getter/setter.
#[component]
pub fn Confirm(
    /// DOM id.
    id: String,
    /// The statement.
    statement: String,
    /// Optional explanation under it.
    #[prop(optional)]
    detail: String,
    /// The statement in English, shown under it in the English interface.
    #[prop(optional)]
    statement_en: String,
    /// The explanation in English, shown instead of it in the English interface.
    #[prop(optional)]
    detail_en: String,
    /// Current value.
    checked: Signal<bool>,
    /// Called with the new value.
    on_change: Callback<bool>,
) -> impl IntoView {
    let detail_id = format!("{id}-detail");
    let (detail, detail_lang) = explanation(&detail, &detail_en);
    let has_detail = !detail.is_empty();
    let statement = bilingual_block(statement, &statement_en);
    view! {
        <div class="confirm">
            <input
                type="checkbox"
                id=id.clone()
                prop:checked=move || checked.get()
                on:change=move |ev| on_change.run(event_target_checked(&ev))
                aria-describedby=has_detail.then(|| detail_id.clone())
            />
            <label for=id>{statement}</label>
            {has_detail.then(|| view! { <p id=detail_id class="confirm-detail" lang=detail_lang>{detail}</p> })}
        </div>
    }
}

/// One checkbox per confirmation of the definition, stored in the map `ticks` picks.
#[component]
pub fn ConfirmList(
    /// The statements, from the contest definition.
    items: Vec<Confirmation>,
    /// DOM id prefix.
    prefix: &'static str,
    /// Which ticks: the unit's eligibility, or the selected work's promises or self-checks.
    list: TickList,
    /// Shown under each statement, given its rule id (the pre-check's hints).
    #[prop(optional)]
    hints: Option<fn(String) -> AnyView>,
) -> impl IntoView {
    let state = use_state();
    let contest = use_contest();
    items
        .into_iter()
        .map(|c| {
            let english = contest.confirmation_en(&c.rule);
            let statement_en = english.map(|e| e.statement.clone()).unwrap_or_default();
            let detail_en = english.map(|e| e.detail.clone()).unwrap_or_default();
            let rule = StoredValue::new(c.rule.clone());
            let checked = Signal::derive(move || {
                state.ws.with(|ws| {
                    ws.ticks(list, ws.selected.as_deref())
                        .and_then(|m| m.get(&rule.get_value()).copied())
                        .unwrap_or(false)
                })
            });
            let on_change = Callback::new(move |v: bool| {
                state.write(|ws, now| {
                    let work = ws.selected.clone();
                    ws.set_tick(list, work.as_deref(), &rule.get_value(), v, now)
                });
            });
            let extra = hints.map(|h| h(c.rule.clone()));
            let second = hints.map(|_| hints_seen(format!("{prefix}-{}", c.rule), list, rule));
            view! {
                <Confirm id=format!("{prefix}-{}", c.rule) statement=c.statement detail=c.detail statement_en detail_en checked on_change/>
                {extra}
                {second}
            }
        })
        .collect_view()
}

/// Under a self-check whose pre-check found something: a second tick, 已看过提示，确认无此问题,
/// and, while the self-check is ticked without it, a polite request to look. Never blocks.
fn hints_seen(id: String, list: TickList, rule: StoredValue<String>) -> impl IntoView {
    let state = use_state();
    let has_hints = Memo::new(move |_| {
        state.ws.with(|ws| {
            ws.selected_work()
                .and_then(|w| w.video.as_ref())
                .and_then(|v| v.precheck.as_ref())
                .is_some_and(|p| p.about(&rule.get_value()).next().is_some())
        })
    });
    let tick = move |key: String| {
        state.ws.with(|ws| {
            ws.ticks(list, ws.selected.as_deref())
                .and_then(|m| m.get(&key).copied())
                .unwrap_or(false)
        })
    };
    let ticked = Signal::derive(move || tick(rule.get_value()));
    let seen = Signal::derive(move || tick(hints_seen_key(&rule.get_value())));
    let on_change = Callback::new(move |v: bool| {
        state.write(|ws, now| {
            let work = ws.selected.clone();
            ws.set_tick(
                list,
                work.as_deref(),
                &hints_seen_key(&rule.get_value()),
                v,
                now,
            )
        });
    });
    let seen_id = format!("{id}-hints-seen");
    let ask_id = format!("{id}-hints-ask");
    move || {
        has_hints.get().then(|| {
            let seen_id = seen_id.clone();
            let ask_id = ask_id.clone();
            view! {
                <div class="confirm hints-seen">
                    <input
                        type="checkbox"
                        id=seen_id.clone()
                        prop:checked=move || seen.get()
                        on:change=move |ev| on_change.run(event_target_checked(&ev))
                        aria-describedby=ask_id.clone()
                    />
                    <label for=seen_id>{crate::i18n::t().precheck_hints_seen}</label>
                </div>
                <p id=ask_id class="field-notice" role="status">
                    {move || (ticked.get() && !seen.get()).then(|| crate::i18n::t().precheck_hints_seen_ask)}
                </p>
            }
        })
    }
}

/// Every field of the contest's form with this scope, in the definition's order.
#[component]
pub fn FieldsOfScope(scope: FieldScope) -> impl IntoView {
    use_contest()
        .form
        .fields
        .iter()
        .filter(|f| f.scope == scope)
        .cloned()
        .map(|f| view! { <FormField field=f/> })
        .collect_view()
}

/// The value of the input an event came from, with direction controls (and, when
/// `zero_width`, zero-width characters) refused: the control shows the cleaned text, and
/// `note` says what was removed (or clears). Used by every text input, so a pasted override
/// never reaches the form.
pub fn refuse_invisible(
    ev: &leptos::ev::Event,
    zero_width: bool,
    note: RwSignal<Option<String>>,
) -> String {
    let raw = event_target_value(ev);
    let (clean, removed) = crate::core::submission::text::strip_invisible(&raw, zero_width);
    if removed > 0 {
        if let Some(target) = ev.target() {
            let _ = js_sys::Reflect::set(&target, &"value".into(), &clean.as_str().into());
        }
        note.set(Some(crate::i18n::fill(
            crate::i18n::t().invisible_refused,
            &[("n", &removed.to_string())],
        )));
    } else if note.with_untracked(Option::is_some) {
        note.set(None);
    }
    clean
}

/// Where [`refuse_invisible`]'s note shows, under the field (announced politely).
pub fn refused_note(note: RwSignal<Option<String>>) -> impl IntoView {
    move || {
        note.get()
            .map(|n| view! { <p class="field-notice" role="status">{n}</p> })
    }
}
