//! The unit flow's step pages: a frame with the works bar, the step's content, what is still
//! missing, and previous/next.

use super::blockers::StepBlockers;
use super::eligibility::EligibilityStep;
use super::form_step::FormStep;
use super::package_step::PackageStep;
use super::pledge_step::PledgeStep;
use super::route::{Route, STEP_SLUGS};
use super::save_bar::{ClearData, SaveBar};
use super::video_step::VideoStep;
use super::works::WorksBar;
use crate::core::submission::Step;
use crate::i18n::t;
use leptos::prelude::*;

/// One step page with previous/next navigation.
#[component]
pub fn StepPage(index: usize) -> impl IntoView {
    let index = index.min(STEP_SLUGS.len() - 1);
    let step = Step::ALL[index];
    let name = t().step_names[index];
    let last = STEP_SLUGS.len() - 1;
    let content = match step {
        Step::Eligibility => view! { <EligibilityStep/> }.into_any(),
        Step::Form => view! { <FormStep/> }.into_any(),
        Step::Pledge => view! { <PledgeStep/> }.into_any(),
        Step::Video => view! { <VideoStep/> }.into_any(),
        Step::Package => view! { <PackageStep/> }.into_any(),
    };
    view! {
        <SaveBar/>
        {(step != Step::Eligibility).then(|| view! { <WorksBar/> })}
        <section class="step-page" aria-labelledby="step-heading">
            // Focusable by script: a step change moves focus here (`route::focus_new_page`).
            <h2 id="step-heading" tabindex="-1">{name}</h2>
            <p class="step-intro">{t().step_intros[index]}</p>
            {content}
            {(step != Step::Package).then(|| view! { <StepBlockers step=step/> })}
            <div class="step-actions">
                {(index > 0).then(|| view! {
                    <a class="button secondary" href=Route::Step(index - 1).to_hash()>{t().prev_step}</a>
                })}
                {(index < last).then(|| view! {
                    <a class="button primary" href=Route::Step(index + 1).to_hash()>{t().next_step}</a>
                })}
            </div>
        </section>
        <ClearData/>
    }
}
