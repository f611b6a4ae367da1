// Run as a classic script right after district.js (the district workspace's no-modules
// bundle): hands its `wasm_bindgen` (a script-scope binding that modules cannot see) to the
// unit app, which starts it. See src/web/district_loader.rs.
window.baosongDistrict = wasm_bindgen;
