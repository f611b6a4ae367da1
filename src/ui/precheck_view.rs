//! The look-and-listen pre-check (画面声音预检) on the video step: its progress and stop
//! button, what it looked at, the contact sheet, and its hints under the self-check each
//! concerns. Hints never block: the unit still decides and ticks.

use super::contest::use_contest;
use super::jobs::JobState;
use super::state::use_state;
use super::videos::Steps;
use crate::core::precheck::sheet::timecode;
use crate::core::precheck::{Finding, Precheck};
use crate::i18n::{fill, human_size, t};
use leptos::prelude::*;

/// The selected work's pre-check (reactive).
fn selected_precheck() -> Option<Precheck> {
    use_state().ws.with(|ws| {
        ws.selected_work()
            .and_then(|w| w.video.as_ref())
            .and_then(|v| v.precheck.clone())
    })
}

/// One hint: what, where, how to fix.
#[component]
fn FindingItem(finding: Finding) -> impl IntoView {
    let place = finding.at_seconds.map(|at| {
        let mut s = fill(t().precheck_at, &[("time", &timecode(at))]);
        if let Some(len) = finding.length_seconds {
            s.push_str(&format!(" – {}", timecode(at + len)));
        }
        s
    });
    view! {
        <li class="precheck-finding" data-kind=format!("{:?}", finding.kind)>
            <span class="precheck-message"><bdi>{finding.message}</bdi></span>
            {place.map(|p| view! { <span class="precheck-place">{p}</span> })}
            <p class="fix">{t().precheck_fix}<bdi>{finding.fix}</bdi></p>
        </li>
    }
}

/// The hints about `rule`, placed under its self-check.
pub fn hints_for(rule: String) -> AnyView {
    let rule = StoredValue::new(rule);
    (move || {
        let found: Vec<Finding> = selected_precheck()
            .map(|p| p.about(&rule.get_value()).cloned().collect())
            .unwrap_or_default();
        (!found.is_empty()).then(|| {
            view! {
                <div class="precheck-hints" role="note" aria-label=t().precheck_hint_label>
                    <ul>{found.into_iter().map(|f| view! { <FindingItem finding=f/> }).collect_view()}</ul>
                </div>
            }
        })
    })
    .into_any()
}

/// Progress, stop/restart, summary, other hints and the contact sheet.
#[component]
pub fn PrecheckPanel() -> impl IntoView {
    let state = use_state();
    let self_rules: Vec<String> = use_contest()
        .self_checks
        .iter()
        .map(|c| c.rule.clone())
        .collect();
    let self_rules = StoredValue::new(self_rules);
    let work_id = Memo::new(move |_| state.work_id().unwrap_or_default());
    let run = Signal::derive(move || state.videos.precheck_run(&work_id.get()));
    let has_file = move || state.videos.picked(&work_id.get()).is_some();
    let restart = move |_| state.videos.precheck(&work_id.get_untracked());
    let cancel = move |_| state.videos.cancel_precheck(&work_id.get_untracked());
    let precheck = Memo::new(move |_| selected_precheck());
    let size = Memo::new(move |_| {
        state.ws.with(|ws| {
            ws.selected_work()
                .and_then(|w| w.video.as_ref())
                .map_or(0, |v| v.size)
        })
    });

    // The progress bar's block stays mounted while the job runs and only its text and value
    // follow the progress: rebuilt on every tick, its stop button slipped from under a click.
    let progress = Memo::new(move |_| match run.get() {
        Some(JobState::Running(steps)) => Some(steps),
        _ => None,
    });
    let running = Memo::new(move |_| progress.with(Option::is_some));
    let steps = move || progress.get().unwrap_or(Steps { done: 0, total: 0 });
    let status = move || {
        if running.get() {
            let text = move || {
                let Steps { done, total } = steps();
                if total == 0 {
                    t().precheck_starting.to_string()
                } else {
                    fill(
                        t().precheck_running,
                        &[("done", &done.to_string()), ("total", &total.to_string())],
                    )
                }
            };
            return view! {
                <div class="precheck-progress">
                    <label for="precheck-bar">{text}</label>
                    <progress id="precheck-bar" max=move || steps().total.max(1) value=move || steps().done></progress>
                    <button type="button" class="secondary" on:click=cancel>{t().precheck_cancel}</button>
                </div>
            }
            .into_any();
        }
        match run.get() {
            Some(other) => {
                let text = match other {
                    JobState::Failed(m) => fill(t().precheck_failed, &[("message", &m)]),
                    _ => t().precheck_cancelled.to_string(),
                };
                view! {
                    <p class="precheck-stopped"><bdi>{text}</bdi></p>
                    {move || if has_file() {
                        view! { <button type="button" class="secondary" on:click=restart>{t().precheck_restart}</button> }.into_any()
                    } else {
                        view! { <p class="field-hint">{t().precheck_needs_file}</p> }.into_any()
                    }}
                }
                .into_any()
            }
            None => ().into_any(),
        }
    };

    let result = move || {
        precheck.get().map(|p| {
            let others: Vec<Finding> = p
                .findings
                .iter()
                .filter(|f| !self_rules.with_value(|r| r.contains(&f.rule)))
                .cloned()
                .collect();
            let headline = if p.findings.is_empty() {
                t().precheck_clean.to_string()
            } else {
                fill(t().precheck_count, &[("n", &p.findings.len().to_string())])
            };
            let percent = if size.get() > 0 {
                format!("{:.1}", p.bytes_read as f64 * 100.0 / size.get() as f64)
            } else {
                "0".into()
            };
            // Pictures and sound are read apart, so on a small file their reads overlap and add
            // up to more than the file: said as such, never as “109%”.
            let whole = size.get() > 0 && p.bytes_read >= size.get();
            let done = fill(
                if whole {
                    t().precheck_done_whole
                } else {
                    t().precheck_done
                },
                &[
                    ("frames", &p.frames.to_string()),
                    ("seconds", &format!("{:.0}", p.audio_seconds)),
                    ("bytes", &human_size(p.bytes_read)),
                    ("percent", &percent),
                    ("time", &format!("{:.1}", p.ms / 1000.0)),
                ],
            );
            let loudness = p.sound.as_ref().and_then(|s| {
                s.bare_levels().map(|(lufs, peak)| {
                    fill(t().precheck_loudness, &[("lufs", &lufs), ("peak", &peak)])
                })
            });
            view! {
                <p class="precheck-headline">{headline}</p>
                {(!p.limits.is_empty()).then(|| view! {
                    <ul class="precheck-limits">{p.limits.iter().map(|l| view! { <li><bdi>{l.clone()}</bdi></li> }).collect_view()}</ul>
                })}
                {(!others.is_empty()).then(|| view! {
                    <div class="precheck-hints" role="note" aria-label=t().precheck_other>
                        <p class="precheck-other">{t().precheck_other}</p>
                        <ul>{others.into_iter().map(|f| view! { <FindingItem finding=f/> }).collect_view()}</ul>
                    </div>
                })}
                <details class="more-details">
                    <summary>{t().details_summary}</summary>
                    {loudness.map(|l| view! { <p class="field-hint">{l}</p> })}
                    <p class="field-hint">{done}</p>
                </details>
            }
        })
    };

    let sheet = move || {
        let n = precheck.with(|p| p.as_ref().map_or(0, |p| p.sheet_times.len()));
        (n > 0)
            .then(|| state.videos.sheet_url(&work_id.get()))
            .flatten()
            .map(|url| {
                view! {
                    <figure class="contact-sheet">
                        <img src=url alt=t().precheck_sheet_alt/>
                        <figcaption>{fill(t().precheck_sheet_caption, &[("n", &n.to_string())])}</figcaption>
                    </figure>
                }
            })
    };

    // A memo, so the section is built once per run, not once per progress tick.
    let shown = Memo::new(move |_| run.with(Option::is_some) || precheck.with(Option::is_some));
    view! {
        {move || shown.get().then(|| view! {
            <section class="precheck" aria-labelledby="precheck-title">
                <h3 id="precheck-title">{t().precheck_title}</h3>
                <p class="field-hint">{t().precheck_intro}</p>
                <div aria-live="polite">{status}{result}</div>
                {sheet}
            </section>
        })}
    }
}
