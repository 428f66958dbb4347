/// The canonical text of the conditions of one bundle (see `TypedExpression.canonical`), with the bundle's
/// schema, catalogs and typed definitions bound once.
///
/// The linter, its condition space and the semantic diff all compare conditions this way; sharing one value
/// keeps them agreeing on what "the same condition" means.
struct CanonicalForm {
    let schema: FactSchema
    let catalogs: [Catalog]
    let definitions: [TypedExpression?]

    init(schema: FactSchema, catalogs: [Catalog], definitions: [TypedExpression?]) {
        self.schema = schema
        self.catalogs = catalogs
        self.definitions = definitions
    }

    init(_ bundle: PolicyBundle) {
        self.init(schema: bundle.schema, catalogs: bundle.catalogs, definitions: bundle.lint.definitions)
    }

    func callAsFunction(_ e: TypedExpression) -> String {
        e.canonical(schema: schema, catalogs: catalogs, definitions: definitions)
    }
}
