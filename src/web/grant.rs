//! Storage Access granted on a click: what this tab holds only in memory moves into the
//! granted storage, and the page reloads to use it (later loads use it at once).

/// Asks the browser for storage access, keeps this tab's documents and files, and reloads.
pub async fn ask_for_access() -> Result<(), String> {
    let handle = super::storage_access::request().await?;
    super::storage::copy_tab_docs_into(&handle.local_storage)?;
    super::blob_store::copy_memory_to(&handle.indexed_db).await;
    if let Some(w) = web_sys::window() {
        let _ = w.location().reload();
    }
    Ok(())
}
