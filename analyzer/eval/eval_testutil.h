// Test-only: readable doctest output for the evaluator's enums.
#pragma once

#include <doctest/doctest.h>

#include "iamlint/eval.h"

namespace doctest {
template <>
struct StringMaker<iamlint::Tri> {
  static String convert(iamlint::Tri t) { return iamlint::triName(t); }
};
template <>
struct StringMaker<iamlint::Decision> {
  static String convert(iamlint::Decision d) { return iamlint::decisionName(d); }
};
}  // namespace doctest
