//! The keyboard path through the review table: ↑ and ↓ move focus to the same control (the
//! checkbox, 推荐, 查看, 移除) in the row above or below, so a clerk with 30 rows need not
//! tab through every button of every row.

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, KeyboardEvent};

/// What can take focus inside a row, in its order.
const FOCUSABLE: &str = "input, button, a[href]";

/// Handles a keydown inside the table's body: ↑/↓ move between rows, nothing else is taken.
pub fn on_table_key(ev: &KeyboardEvent) {
    let step: i32 = match ev.key().as_str() {
        "ArrowDown" => 1,
        "ArrowUp" => -1,
        _ => return,
    };
    let Some(target) = ev.target().and_then(|t| t.dyn_into::<Element>().ok()) else {
        return;
    };
    // A text field keeps its own arrows (none sits in the rows today, but a note might).
    if matches!(target.tag_name().as_str(), "TEXTAREA" | "SELECT")
        || target.get_attribute("type").as_deref() == Some("text")
    {
        return;
    }
    let Ok(Some(row)) = target.closest("tr") else {
        return;
    };
    let controls = |tr: &Element| -> Vec<Element> {
        let list = tr.query_selector_all(FOCUSABLE).ok();
        (0..list.as_ref().map_or(0, |l| l.length()))
            .filter_map(|i| list.as_ref()?.item(i)?.dyn_into::<Element>().ok())
            .collect()
    };
    let at = controls(&row)
        .iter()
        .position(|c| c == &target)
        .unwrap_or(0);
    let next = if step > 0 {
        row.next_element_sibling()
    } else {
        row.previous_element_sibling()
    };
    let Some(next) = next else {
        return;
    };
    let there = controls(&next);
    // The same control when the row has it (a picked row has 撤销 where 推荐 was), else the last.
    if let Some(el) = there
        .get(at)
        .or_else(|| there.last())
        .and_then(|e| e.dyn_ref::<HtmlElement>())
    {
        ev.prevent_default();
        let _ = el.focus();
    }
}
