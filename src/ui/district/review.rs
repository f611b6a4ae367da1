//! The review table: every received package with its verification, video verdict, pledge
//! scan and flags; sortable and filterable, a 核验码 typed from a paper form finds its row,
//! and any row opens to its 报送表 fields, problems, video checks, the contact sheet
//! (缩略图) and the unit's pre-check hints.

use super::state::{missing_file_hint, use_district, DistrictState, Hashing};
use crate::core::contest::Severity;
use crate::core::district::collection::Entry;
use crate::core::district::flags::{Flag, FlagKind, Flags};
use crate::core::district::workspace::DistrictWorkspace;
use crate::core::precheck::sheet::timecode;
use crate::core::precheck::Precheck;
use crate::i18n::{fill, t};
use crate::web::files::picked_file;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::sync::{Arc, Mutex};

/// One row as shown.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// Collection id.
    pub id: String,
    /// Arrival order, from 1.
    pub arrival: usize,
    /// The package's file name.
    pub file: String,
    /// 作品名称.
    pub title: String,
    /// 创作单位.
    pub unit: String,
    /// 单位类型.
    pub kind: String,
    /// 核验码 as printed.
    pub code: String,
    /// The video cell's text and its severity class.
    pub video: (String, &'static str),
    /// Whether every member verified.
    pub form_ok: bool,
    /// Problems found by the verifier.
    pub problems: usize,
    /// Whether the signed pledge scan is inside.
    pub scan: bool,
    /// Flags, blocking first.
    pub flags: Vec<Flag>,
    /// Place in the recommendation, from 1.
    pub picked: Option<usize>,
    /// The file must be chosen again (the browser did not keep it) to check the video.
    pub needs_file: bool,
}

impl Row {
    /// Whether anything blocks this work.
    pub fn blocked(&self) -> bool {
        self.flags.iter().any(|f| f.kind.blocks())
    }
}

fn video_cell(
    ws: &DistrictWorkspace,
    e: &Entry,
    hashing: Option<&Hashing>,
) -> (String, &'static str) {
    let d = &t().district;
    if let Some(h) = hashing {
        return match h {
            Hashing::Queued => (d.video_queued.to_string(), "busy"),
            Hashing::Running(p) => (
                fill(d.video_hashing, &[("percent", &p.to_string())]),
                "busy",
            ),
            Hashing::Failed(m) => (fill(d.video_failed, &[("why", m)]), "fail"),
        };
    }
    let verdict = ws.collection.video_verdict(e);
    let checked = e.verified_video().is_some();
    match (verdict, checked) {
        (Some(Severity::Fail), _) => (d.video_fail.to_string(), "fail"),
        (_, false) if e.video_sha256().is_some() => (d.video_unchecked.to_string(), "warn"),
        (Some(Severity::Warn), true) => (d.video_warn.to_string(), "warn"),
        (Some(Severity::Pass), true) => (d.video_pass.to_string(), "ok"),
        _ => (d.video_unknown.to_string(), "warn"),
    }
}

fn rows(
    ws: &DistrictWorkspace,
    flags: &Flags,
    hashing: &std::collections::BTreeMap<String, Hashing>,
    has_file: impl Fn(&str) -> bool,
) -> Vec<Row> {
    ws.collection
        .entries
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let mut fl = flags.get(&e.id).cloned().unwrap_or_default();
            fl.sort_by_key(|f| !f.kind.blocks());
            Row {
                id: e.id.clone(),
                arrival: i + 1,
                file: e.source.name.clone(),
                title: e.work_title().to_string(),
                unit: e.unit_name().to_string(),
                kind: e.unit_kind().to_string(),
                code: e.code().unwrap_or_default(),
                video: video_cell(ws, e, hashing.get(&e.id)),
                form_ok: e.opened.problems.is_empty(),
                problems: e.opened.problems.len(),
                scan: !fl.iter().any(|f| f.kind == FlagKind::UnsignedPledge),
                flags: fl,
                picked: ws.recommendation.position(&e.id).map(|p| p + 1),
                needs_file: e.video_inside_unhashed() && !has_file(&e.id),
            }
        })
        .collect()
}

/// A row's identity for `<For>`: its whole content, so a changed row is redrawn and an
/// unchanged one is kept.
fn row_key(r: &Row) -> u64 {
    use std::hash::{DefaultHasher, Hash, Hasher};
    let mut h = DefaultHasher::new();
    format!("{r:?}").hash(&mut h);
    h.finish()
}

/// How the table is ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SortBy {
    Arrival,
    Title,
    Unit,
    Kind,
    Problems,
}

impl SortBy {
    fn parse(s: &str) -> SortBy {
        match s {
            "title" => SortBy::Title,
            "unit" => SortBy::Unit,
            "kind" => SortBy::Kind,
            "problems" => SortBy::Problems,
            _ => SortBy::Arrival,
        }
    }
}

/// The table with its sorting, filter, 核验码 search and the open row's details.
#[component]
pub fn Review() -> impl IntoView {
    let state = use_district();
    let d = &t().district;
    let sort = RwSignal::new(SortBy::Arrival);
    let filter = RwSignal::new(String::new());
    let only_flagged = RwSignal::new(false);
    let code_query = RwSignal::new(String::new());
    let open = RwSignal::new(None::<String>);
    let pick_message = RwSignal::new(None::<String>);
    let all = Memo::new(move |_| {
        let hashing = state.hashing.get();
        state.ws.with(|ws| {
            state
                .flags
                .with(|f| rows(ws, f, &hashing, |id| state.has_file(id)))
        })
    });
    let shown = Memo::new(move |_| {
        let f = filter.get().trim().to_lowercase();
        let mut v: Vec<Row> = all
            .get()
            .into_iter()
            .filter(|r| {
                f.is_empty()
                    || [&r.title, &r.unit, &r.kind, &r.code, &r.file]
                        .iter()
                        .any(|x| x.to_lowercase().contains(&f))
            })
            .filter(|r| !only_flagged.get() || !r.flags.is_empty() || !r.form_ok)
            .collect();
        match sort.get() {
            SortBy::Arrival => {}
            SortBy::Title => v.sort_by(|a, b| a.title.cmp(&b.title)),
            SortBy::Unit => v.sort_by(|a, b| a.unit.cmp(&b.unit)),
            SortBy::Kind => v.sort_by(|a, b| a.kind.cmp(&b.kind)),
            SortBy::Problems => {
                v.sort_by_key(|r| std::cmp::Reverse((r.blocked(), r.flags.len() + r.problems)))
            }
        }
        v
    });
    let found = Memo::new(move |_| {
        let q = code_query.get();
        (!q.trim().is_empty()).then(|| {
            state.ws.with(|ws| {
                ws.collection
                    .find_by_code(&q)
                    .iter()
                    .map(|e| e.id.clone())
                    .collect::<Vec<_>>()
            })
        })
    });
    let pick = move |id: String| {
        let outcome = state.pick(&id, "");
        if outcome.is_err() {
            open.set(Some(id));
        }
        pick_message.set(outcome.err());
    };
    // One row's view; `<For>` keeps the rows whose content did not change.
    let row_view = move |r: Row| {
        let id = r.id.clone();
        let (id2, id3, id4, id5) = (id.clone(), id.clone(), id.clone(), id.clone());
        let id6 = id.clone();
        let hit = move || found.with(|f| f.as_ref().is_some_and(|f| f.contains(&id6)));
        let flag_badges = r
                    .flags
                    .iter()
                    .map(|f| view! { <span class="flag" class:blocks=f.kind.blocks() title=f.message.clone()>{f.kind.label()}</span> })
                    .collect_view();
        let pick_button = match r.picked {
            Some(n) => {
                view! { <span class="picked">{fill(d.picked_as, &[("n", &n.to_string())])}</span> }
                    .into_any()
            }
            None => view! {
                <button type="button" class="small" on:click=move |_| pick(id2.clone())
                    aria-label=fill(d.pick_aria, &[("title", &r.title)])>{d.pick}</button>
            }
            .into_any(),
        };
        let title_aria = r.title.clone();
        view! {
            <tr class:hit=hit class:blocked=r.blocked() data-id=id.clone()>
                <td>{r.arrival}</td>
                <td><bdi>{r.title.clone()}</bdi><br/><small class="file-name"><bdi>{r.file.clone()}</bdi></small></td>
                <td><bdi>{r.unit.clone()}</bdi></td>
                <td>{r.kind.clone()}</td>
                <td class="code">{r.code.clone()}</td>
                <td class=format!("video {}", r.video.1)>{r.video.0.clone()}
                    {r.needs_file.then(|| view! { <br/><small>{missing_file_hint(&r.file)}</small> })}</td>
                <td class=if r.form_ok { "ok" } else { "fail" }>{if r.form_ok { d.form_ok.to_string() } else { fill(d.form_problems, &[("n", &r.problems.to_string())]) }}</td>
                <td>{if r.scan { d.scan_yes } else { d.scan_no }}</td>
                <td class="flags">{flag_badges}</td>
                <td class="actions">
                    {pick_button}
                    <button type="button" class="small secondary" aria-expanded=move || (open.get().as_deref() == Some(id3.as_str())).to_string()
                        aria-label=fill(d.details_aria, &[("title", &title_aria)])
                        on:click=move |_| open.update(|o| *o = if o.as_deref() == Some(id4.as_str()) { None } else { Some(id4.clone()) })>{d.details}</button>
                    <button type="button" class="small secondary" on:click=move |_| state.remove(&id5)>{d.remove}</button>
                </td>
            </tr>
        }
    };
    view! {
        <section class="review" aria-labelledby="review-heading">
            <h3 id="review-heading">{d.review_heading}</h3>
            <div class="review-tools">
                <div class="field">
                    <label for="review-filter">{d.filter_label}</label>
                    <input id="review-filter" type="search" prop:value=move || filter.get() on:input=move |ev| filter.set(event_target_value(&ev))/>
                </div>
                <div class="field">
                    <label for="review-sort">{d.sort_label}</label>
                    <select id="review-sort" on:change=move |ev| sort.set(SortBy::parse(&event_target_value(&ev)))>
                        <option value="arrival">{d.sort_arrival}</option>
                        <option value="title">{d.sort_title}</option>
                        <option value="unit">{d.sort_unit}</option>
                        <option value="kind">{d.sort_kind}</option>
                        <option value="problems">{d.sort_problems}</option>
                    </select>
                </div>
                <label class="check"><input type="checkbox" prop:checked=move || only_flagged.get() on:change=move |ev| only_flagged.set(event_target_checked(&ev))/>{d.only_flagged}</label>
                <div class="field">
                    <label for="code-search">{d.code_search}</label>
                    <input id="code-search" type="search" autocomplete="off" placeholder="K7QF-3M2X-9PDA" prop:value=move || code_query.get()
                        on:input=move |ev| code_query.set(event_target_value(&ev))/>
                    <p class="field-hint" aria-live="polite">{move || found.get().map(|f| match f.len() {
                        0 => d.code_none.to_string(),
                        n => fill(d.code_found, &[("n", &n.to_string())]),
                    })}</p>
                </div>
            </div>
            <p class="pick-message" role="alert">{move || pick_message.get()}</p>
            {move || if all.with(Vec::is_empty) {
                view! { <p class="empty">{d.empty}</p> }.into_any()
            } else {
                view! {
                    <div class="table-scroll">
                        <table class="review-table">
                            <caption>{d.review_caption}</caption>
                            <thead><tr>
                                <th scope="col">{d.col_arrival}</th><th scope="col">{d.col_title}</th><th scope="col">{d.col_unit}</th>
                                <th scope="col">{d.col_kind}</th><th scope="col">{d.col_code}</th><th scope="col">{d.col_video}</th>
                                <th scope="col">{d.col_form}</th><th scope="col">{d.col_scan}</th><th scope="col">{d.col_flags}</th>
                                <th scope="col">{d.col_actions}</th>
                            </tr></thead>
                            <tbody><For each=move || shown.get() key=row_key children=row_view/></tbody>
                        </table>
                    </div>
                }.into_any()
            }}
            {move || open.get().map(|id| view! { <Details id=id pick_message=pick_message/> })}
            <LooseVideos/>
        </section>
    }
}

/// An object URL of the contact sheet inside the received package file of `id`: a slice of
/// the stored file (members are stored uncompressed), typed as JPEG. The slice is hashed
/// first when WebCrypto is there, because a file chosen again could be another one under the
/// same name; a picture that is not the verified member is never shown as the unit's.
async fn sheet_url(state: DistrictState, id: &str) -> Option<String> {
    let at = state.ws.with_untracked(|ws| {
        ws.collection
            .entry(id)
            .and_then(|e| e.contact_sheet().cloned())
    })?;
    let part = state
        .file(id)?
        .slice_with_f64_and_f64_and_content_type(
            at.offset as f64,
            (at.offset + at.size) as f64,
            "image/jpeg",
        )
        .ok()?;
    if let Some(subtle) = crate::web::native_digest::subtle() {
        let fp = crate::web::native_digest::native_fingerprint(&subtle, &part)
            .await
            .ok()?;
        if !fp.sha256.eq_ignore_ascii_case(&at.sha256) {
            return None;
        }
    }
    web_sys::Url::create_object_url_with_blob(&part).ok()
}

/// Where and how long a pre-check hint was seen, e.g. `00:03 · 约 4.0 秒`.
fn hint_place(at: Option<f64>, length: Option<f64>) -> String {
    let lasting = length.map(|l| {
        fill(
            t().district.precheck_lasting,
            &[("seconds", &format!("{l:.1}"))],
        )
    });
    [at.map(timecode), lasting]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" · ")
}

/// The unit's pre-check as its package carries it: the hints with rule, place and fix, the
/// loudness, and what could not run. Hints only: the office's own checks are above.
fn precheck_view(precheck: Option<&Precheck>) -> AnyView {
    let d = &t().district;
    let Some(p) = precheck else {
        return view! { <p class="precheck-none">{d.precheck_none}</p> }.into_any();
    };
    let hints = p
        .findings
        .iter()
        .map(|f| {
            let place = hint_place(f.at_seconds, f.length_seconds);
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
    let db = |v: Option<f64>, unit: &str| {
        v.filter(|v| v.is_finite())
            .map_or_else(|| "—".to_string(), |v| format!("{v:.1} {unit}"))
    };
    let loudness = p.sound.as_ref().map(|s| {
        fill(
            d.precheck_loudness,
            &[
                ("lufs", &db(s.integrated_lufs, "LUFS")),
                ("peak", &db(s.true_peak_dbtp, "dBTP")),
            ],
        )
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

/// One package opened: its 报送表 fields, what the verifier found, its flags and video
/// checks, the contact sheet and the unit's pre-check, and, when a blocking flag stops the
/// pick, the note that overrides it.
#[component]
fn Details(id: String, pick_message: RwSignal<Option<String>>) -> impl IntoView {
    let state = use_district();
    let d = &t().district;
    let note = RwSignal::new(String::new());
    // The contact sheet's object URL: made once the file is in this tab, kept while the row
    // is open (the body redraws on every change of the document), revoked when it closes.
    let sheet = RwSignal::new(None::<String>);
    let to_revoke = Arc::new(Mutex::new(None::<String>));
    let has_file = Memo::new({
        let id = id.clone();
        move |_| state.has_file(&id)
    });
    Effect::new({
        let (id, to_revoke) = (id.clone(), to_revoke.clone());
        move |_| {
            if !has_file.get() || sheet.get_untracked().is_some() {
                return;
            }
            let (id, to_revoke) = (id.clone(), to_revoke.clone());
            spawn_local(async move {
                let Some(url) = sheet_url(state, &id).await else {
                    return;
                };
                // The row may have closed meanwhile: then the URL goes at once.
                if sheet.try_set(Some(url.clone())).is_some() {
                    let _ = web_sys::Url::revoke_object_url(&url);
                } else if let Ok(mut slot) = to_revoke.lock() {
                    *slot = Some(url);
                }
            });
        }
    });
    on_cleanup(move || {
        if let Some(url) = to_revoke.lock().ok().and_then(|mut slot| slot.take()) {
            let _ = web_sys::Url::revoke_object_url(&url);
        }
    });
    let key = id.clone();
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
                .map(|c| view! { <li class=format!("{:?}", c.status).to_lowercase()>{c.message.clone()}</li> })
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

/// Videos sent separately that no package has claimed yet.
#[component]
fn LooseVideos() -> impl IntoView {
    let state = use_district();
    let d = &t().district;
    let items = move || {
        state.ws.with(|ws| {
            ws.collection
                .videos
                .iter()
                .filter(|v| !ws.collection.entries.iter().any(|e| e.video_origin.as_ref().is_some_and(|o| matches!(o, crate::core::district::collection::VideoOrigin::Separate { video } if *video == v.id))))
                .map(|v| {
                    let id = v.id.clone();
                    let status = match (state.hashing.with(|h| h.get(&v.id).cloned()), &v.fingerprint) {
                        (Some(Hashing::Running(0)), _) => d.video_hashing_start.to_string(),
                        (Some(Hashing::Running(p)), _) => fill(d.video_hashing, &[("percent", &p.to_string())]),
                        (Some(Hashing::Queued), _) => d.video_queued.to_string(),
                        (Some(Hashing::Failed(m)), _) => fill(d.video_failed, &[("why", &m)]),
                        (None, Some(_)) => d.video_unmatched.to_string(),
                        (None, None) => d.video_unknown.to_string(),
                    };
                    view! { <li><bdi>{v.source.name.clone()}</bdi>{d.colon}{status}" "
                        <button type="button" class="small secondary" on:click=move |_| state.remove(&id)>{d.remove}</button></li> }
                })
                .collect::<Vec<_>>()
        })
    };
    view! {
        {move || {
            let list = items();
            (!list.is_empty()).then(|| view! {
                <div class="loose-videos"><h4>{d.loose_heading}</h4><ul>{list}</ul></div>
            })
        }}
    }
}
