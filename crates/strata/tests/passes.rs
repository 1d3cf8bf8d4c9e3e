//! The standard transform passes are linked into every binary that uses the facade, and
//! `default_context` attaches the interfaces they rely on.

#[test]
fn transform_passes_are_registered() {
    let ctx = strata::default_context();
    let names: Vec<&str> = strata_pass::registered().iter().map(|p| p.name).collect();
    for n in strata::transforms::PASS_NAMES {
        assert!(names.contains(n), "pass '{n}' is not registered: {names:?}");
    }
    let call = ctx.op_name("func.call");
    assert!(strata::transforms::interfaces::call_interface(&ctx, call).is_some());
}
