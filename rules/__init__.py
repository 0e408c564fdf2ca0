"""Rule packs shipped with budget-lint (installed as budget_lint.rulepacks)."""
