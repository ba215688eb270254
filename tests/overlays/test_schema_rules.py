"""The checker's tolerance rules, each on a small spec compiled here: `x-balancekit-strict` optional fields raise,
a null in an unread required field and an unknown field are kept, a wrong tolerant optional field is dropped."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from balancekit.schema import Compiler, Drift, SchemaViolation, SpecIndex, check_tolerant

AMOUNT = {"type": "string", "pattern": r"^-?[0-9]+(\.[0-9]+)?$"}
DOCUMENT: dict[str, Any] = {
    "components": {
        "schemas": {
            "Amount": AMOUNT,
            "StrictAmount": {**AMOUNT, "x-balancekit-strict": True},
            "Row": {
                "type": "object",
                "required": ["asset", "label"],
                "properties": {
                    "asset": {"type": "string"},
                    "label": {"type": "string", "x-balancekit-unread": True},
                    "fee": {"$ref": "#/components/schemas/Amount", "x-balancekit-strict": True},  # on the property
                    "rebate": {"$ref": "#/components/schemas/StrictAmount"},  # on the schema it refers to
                    "tip": {"$ref": "#/components/schemas/Amount"},  # tolerant
                },
            },
        }
    }
}
ROW = {"asset": "btc", "label": "main", "fee": "0.1", "rebate": "0.2", "tip": "0.3"}


def check(body: Any) -> list[Drift]:
    return check_tolerant(Compiler(DOCUMENT).ref("#/components/schemas/Row"), body)


@pytest.mark.parametrize("field", ["fee", "rebate"])
def test_a_wrong_value_in_a_strict_optional_field_is_refused(field: str) -> None:
    body = dict(ROW, **{field: "1,5"})
    with pytest.raises(SchemaViolation) as caught:
        check(body)
    assert (caught.value.path, caught.value.message) == (f"$.{field}", "'1,5' does not match ^-?[0-9]+(\\.[0-9]+)?$")
    assert body == dict(ROW, **{field: "1,5"})


def test_the_same_miss_in_a_tolerant_optional_field_is_drift_and_the_field_dropped() -> None:
    body = dict(ROW, tip="1,5")
    assert check(body) == [Drift("$.tip", "value does not match ^-?[0-9]+(\\.[0-9]+)?$; field ignored")]
    assert body == {"asset": "btc", "label": "main", "fee": "0.1", "rebate": "0.2"}


def test_a_null_in_an_unread_required_field_is_drift_and_kept() -> None:
    body = dict(ROW, label=None)
    assert check(body) == [Drift("$.label", "null in a required field no holding reads; kept")]
    assert body == dict(ROW, label=None)
    with pytest.raises(SchemaViolation) as caught:  # any other wrong value there is refused
        check(dict(ROW, label=7))
    assert (caught.value.path, caught.value.message) == ("$.label", "expected string, got integer")


def test_an_unknown_field_is_drift_and_kept() -> None:
    body = dict(ROW, extra={"x": 1})
    assert check(body) == [Drift("$.extra", "unknown field (not in the spec); kept")]
    assert body == dict(ROW, extra={"x": 1})


def test_a_violation_reads_as_its_message() -> None:
    with pytest.raises(SchemaViolation) as caught:
        check({"label": "main"})
    assert str(caught.value) == "required field is missing"
    assert caught.value.path == "$.asset"


SHAPES: dict[str, Any] = {
    "components": {
        "schemas": {
            "U": {"oneOf": [{"$ref": "#/components/schemas/New"}, {"$ref": "#/components/schemas/Old"}]},
            "New": {
                "type": "object",
                "required": ["id", "groups"],
                "properties": {
                    "id": {"type": "string"},
                    "groups": {"type": ["array", "null"]},
                    "tag": {"type": "string"},
                },
            },
            "Old": {
                "type": "object",
                "required": ["id", "rows"],
                "properties": {"id": {"type": "string"}, "rows": {"type": "array"}},
            },
        }
    }
}


def test_a_body_no_shape_is_chosen_for_is_refused_even_when_the_nearest_shape_passes() -> None:
    """No own key carries data and no shape has all its required keys non-null: the parser could not choose, so
    the body is refused, although it is valid as New (whose required `groups` may be null)."""
    body = {"id": "a", "groups": None}
    with pytest.raises(SchemaViolation) as caught:
        check_tolerant(Compiler(copy.deepcopy(SHAPES)).ref("#/components/schemas/U"), body)
    assert (caught.value.path, caught.value.message) == ("$", "the object fits none of the shapes New, Old")


KEYED: dict[str, Any] = {
    "components": {
        "schemas": {
            **SHAPES["components"]["schemas"],
            "OrText": {
                "oneOf": [
                    {"$ref": "#/components/schemas/New"},
                    {"$ref": "#/components/schemas/Old"},
                    {"type": "string"},
                ]
            },
        }
    }
}


def keyed(name: str, body: Any) -> list[Drift]:
    return check_tolerant(Compiler(copy.deepcopy(KEYED)).ref(f"#/components/schemas/{name}"), body)


def test_a_union_of_shapes_takes_a_non_object_only_through_its_other_branches() -> None:
    assert keyed("OrText", "text") == []
    assert keyed("OrText", {"id": "a", "rows": []}) == []
    with pytest.raises(SchemaViolation) as mixed:  # objects are still read by their keys, never branch by branch
        keyed("OrText", {"id": "a", "groups": [1], "rows": ["x"]})
    assert mixed.value.message == "the object mixes two shapes, with data in both: New (groups) and Old (rows)"
    for name in ("U", "OrText"):
        with pytest.raises(SchemaViolation) as caught:
            keyed(name, 5)
        expected = "expected object, got integer" if name == "U" else "expected string, got integer"
        assert (caught.value.path, caught.value.message) == ("$", expected)


def test_a_union_with_a_nullable_object_branch_takes_null() -> None:
    document = {
        "components": {
            "schemas": {
                "U": {
                    "oneOf": [
                        {"type": ["object", "null"], "properties": {"a": {"type": "string"}}},
                        {"type": "object", "required": ["b"], "properties": {"b": {"type": "string"}}},
                    ]
                }
            }
        }
    }
    checker = Compiler(document).ref("#/components/schemas/U")
    assert check_tolerant(checker, None) == []
    assert check_tolerant(checker, {"a": "x"}) == []


def compiled(schema: dict[str, Any], extra: dict[str, Any] | None = None) -> Any:
    return Compiler({"components": {"schemas": {"S": schema, **(extra or {})}}}).ref("#/components/schemas/S")


def refused(checker: Any, body: Any) -> tuple[str, str]:
    with pytest.raises(SchemaViolation) as caught:
        check_tolerant(checker, body)
    return caught.value.path, caught.value.message


def test_a_required_key_without_a_property_schema_must_be_present() -> None:
    checker = compiled({"type": "object", "required": ["a", "id"], "properties": {"a": {"type": "string"}}})
    assert check_tolerant(checker, {"a": "x", "id": 3}) == [Drift("$.id", "unknown field (not in the spec); kept")]
    assert refused(checker, {"a": "x"}) == ("$.id", "required field is missing")


def test_property_names_have_their_minimum_length() -> None:
    one = compiled({"type": "object", "propertyNames": {"minLength": 1}, "additionalProperties": {"type": "integer"}})
    three = compiled({"type": "object", "propertyNames": {"minLength": 3}, "additionalProperties": {"type": "integer"}})
    assert check_tolerant(one, {"a": 1}) == []
    assert check_tolerant(three, {"abc": 1}) == []
    assert refused(one, {"a": 1, "": 2}) == ("$.", "empty key (propertyNames minLength 1)")
    assert refused(three, {"abc": 1, "ab": 2}) == ("$.ab", "key shorter than 3 (propertyNames minLength)")


def test_additional_properties_are_checked_and_known_properties_are_not_checked_against_them() -> None:
    checker = compiled({"type": "object", "properties": {"name": {"type": "string"}}, "additionalProperties": AMOUNT})
    assert check_tolerant(checker, {"name": "main", "btc": "1.5"}) == []
    assert refused(checker, {"name": "main", "btc": "x"}) == ("$.btc", "'x' does not match ^-?[0-9]+(\\.[0-9]+)?$")


def test_an_optional_field_whose_reference_admits_null_takes_null() -> None:
    checker = compiled(
        {"type": "object", "properties": {"note": {"$ref": "#/components/schemas/Note"}}},
        {"Note": {"type": ["string", "null"]}},
    )
    body = {"note": None}
    assert check_tolerant(checker, body) == []
    assert body == {"note": None}


def test_string_checks_apply_to_strings_only_where_other_types_are_allowed() -> None:
    checker = compiled(
        {
            "type": "object",
            "required": ["n"],
            "properties": {"n": {**AMOUNT, "type": ["string", "integer"], "minLength": 2}},
        }
    )
    assert check_tolerant(checker, {"n": 5}) == []
    assert check_tolerant(checker, {"n": "15"}) == []
    assert refused(checker, {"n": "x"}) == ("$.n", "'x' does not match ^-?[0-9]+(\\.[0-9]+)?$")
    assert refused(checker, {"n": "5"}) == ("$.n", "shorter than 2")


def test_an_object_that_is_one_shape_only_by_an_invalid_field_is_refused() -> None:
    """`tag` (New's own, optional) chooses New; dropped as invalid, the rest fits both shapes: no shape is sure."""
    assert refused(Compiler(copy.deepcopy(SHAPES)).ref("#/components/schemas/U"),
                   {"id": "a", "groups": [], "rows": [], "tag": 5}) == (
        "$.tag", "the object is New only by a field that is not valid")  # fmt: skip


def test_a_union_reports_the_miss_of_the_branch_of_the_values_type_else_of_the_first() -> None:
    checker = compiled(
        {
            "oneOf": [
                {"type": "object", "required": ["id"], "properties": {"id": {"type": "string"}}},
                {"type": "string", "minLength": 3},
            ]
        }
    )
    assert refused(checker, "ab") == ("$", "shorter than 3")
    assert refused(checker, {}) == ("$.id", "required field is missing")
    assert refused(checker, 5) == ("$", "expected object, got integer")


def test_an_object_without_properties_has_no_unknown_fields() -> None:
    assert check_tolerant(compiled({"type": "object", "propertyNames": {"minLength": 1}}), {"a": 1}) == []


def test_without_property_names_an_empty_key_is_a_key_like_any_other() -> None:
    assert check_tolerant(compiled({"type": "object", "additionalProperties": {"type": "integer"}}), {"": 1}) == []


def test_a_spec_index_reads_operations_beside_a_path_items_other_fields() -> None:
    """OpenAPI path items also hold a summary, parameters and extensions: none of them is an operation."""
    ok = {"content": {"application/json": {"schema": {"type": "object", "required": ["a"], "properties": {}}}}}
    index = SpecIndex(
        {
            "paths": {
                "/v1/things/{id}": {
                    "summary": "responses of one thing",
                    "parameters": [{"name": "id", "in": "path"}],
                    "x-owner": {"team": "custody"},
                    "get": {"responses": {"200": ok}},
                }
            }
        }
    )
    checker = index.checker("GET", "/api/v1/things/7", 200)
    assert checker is not None
    assert refused(checker, {}) == ("$.a", "required field is missing")
    assert index.checker("POST", "/api/v1/things/7", 200) is None


def test_an_object_fitting_no_branch_is_reported_against_the_branch_sharing_most_of_its_keys() -> None:
    checker = compiled(
        {
            "oneOf": [  # one object branch (the other also takes null): the branches are tried in turn
                {"type": ["object", "null"], "required": ["a"], "properties": {"a": {}, "b": {}, "c": {}}},
                {"type": "object", "required": ["d"], "properties": {"d": {}, "e": {}}},
            ]
        }
    )
    assert refused(checker, {"e": 1}) == ("$.d", "required field is missing")
    assert refused(checker, {"b": 1}) == ("$.a", "required field is missing")
