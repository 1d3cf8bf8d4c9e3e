//! [`Module`]: an owned top-level op (normally `builtin.module`) together with the [`Body`]
//! that holds it — what the parser returns and what passes and printers take.

use crate::{Body, Context, Op};

/// An owned top-level op and the body holding it.
#[derive(Clone, Debug)]
pub struct Module {
    /// The body holding the top-level op (and nothing else attached).
    pub body: Body,
    /// The top-level op.
    pub op: Op,
}

impl Module {
    /// An empty `builtin.module` (one region, one empty block).
    pub fn new(ctx: &Context) -> Module {
        let mut body = Body::new();
        let name = ctx.op_name("builtin.module");
        let mut state = crate::OperationState::new(ctx, name, ctx.unknown_loc());
        let r = state.add_region(&mut body);
        let rb = state.region_body(&mut body);
        let b = rb.create_block();
        rb.append_block(r, b);
        let op = body.create_op(state);
        Module { body, op }
    }
    /// The body holding the module's region (its nested body when `builtin.module` is
    /// registered, else the outer body).
    pub fn region_body(&self) -> &Body {
        self.body.region_body(self.op)
    }
    /// Mutable [`Module::region_body`].
    pub fn region_body_mut(&mut self) -> &mut Body {
        self.body.region_body_mut(self.op)
    }
    /// The module's single block.
    pub fn block(&self) -> Option<crate::Block> {
        let r = *self.body.regions(self.op).first()?;
        self.region_body().entry_block(r)
    }
}
