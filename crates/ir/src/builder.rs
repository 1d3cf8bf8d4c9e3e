//! [`OpBuilder`]: creates ops at an insertion point in a [`Body`], advancing past each
//! created op so that successive `create` calls build a straight-line sequence.

use crate::{
    Attribute, Block, Body, Context, InsertPoint, Location, Op, OperationState, Type, Value,
};

/// Builds ops into a body at an insertion point.
pub struct OpBuilder<'a> {
    /// The context.
    pub ctx: &'a Context,
    /// The body being built.
    pub body: &'a mut Body,
    /// Where the next op goes (`None`: ops are created detached).
    pub ip: Option<InsertPoint>,
    /// Location given to ops built with [`OpBuilder::build`].
    pub loc: Location,
}

impl<'a> OpBuilder<'a> {
    /// A builder with no insertion point and an unknown location.
    pub fn new(ctx: &'a Context, body: &'a mut Body) -> Self {
        OpBuilder {
            ctx,
            body,
            ip: None,
            loc: ctx.unknown_loc(),
        }
    }
    /// A builder appending to the end of `block`.
    pub fn at_end(ctx: &'a Context, body: &'a mut Body, block: Block) -> Self {
        OpBuilder {
            ctx,
            body,
            ip: Some(InsertPoint::End(block)),
            loc: ctx.unknown_loc(),
        }
    }
    /// Set the insertion point.
    pub fn set_insertion_point(&mut self, ip: InsertPoint) {
        self.ip = Some(ip);
    }
    /// Create the op described by `state` at the insertion point.
    pub fn create(&mut self, state: OperationState) -> Op {
        let op = self.body.create_op(state);
        if let Some(ip) = self.ip {
            self.body.insert_op(op, ip);
            self.ip = Some(match ip {
                InsertPoint::Start(_) | InsertPoint::After(_) => InsertPoint::After(op),
                other => other,
            });
        }
        op
    }
    /// Create op `name` with operands, result types and inherent attributes at the builder's
    /// location.
    pub fn build(
        &mut self,
        name: &str,
        operands: &[Value],
        result_types: &[Type],
        props: &[(&str, Attribute)],
    ) -> Op {
        let mut st = OperationState::new(self.ctx, self.ctx.op_name(name), self.loc);
        st.operands = operands.to_vec();
        st.result_types = result_types.to_vec();
        if !props.is_empty() {
            st.props = Some(self.ctx.dict_attr(props));
        }
        self.create(st)
    }
    /// Like [`OpBuilder::build`] for single-result ops; returns the result.
    pub fn build_value(
        &mut self,
        name: &str,
        operands: &[Value],
        result_type: Type,
        props: &[(&str, Attribute)],
    ) -> Value {
        let op = self.build(name, operands, &[result_type], props);
        self.body.result(op, 0)
    }
}
