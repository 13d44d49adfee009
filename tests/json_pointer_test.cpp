// The C ABI's pointer reader (capi/json_pointer.h), behind oms_json_get and oms_json_count: it
// reads a JSON text once without building it, and must give exactly what the document tree
// gives for every pointer, and refuse what the tree refuses.
#include "json_pointer.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "oms/status.h"
#include "wire.h"

namespace oms::capi {
namespace {

using json = nlohmann::ordered_json;

// Every pointer that names a value of `j` (containers included), with `prefix` before it.
void pointers_of(const json& j, const std::string& prefix, std::vector<std::string>& out) {
  out.push_back(prefix);
  if (j.is_object()) {
    for (const auto& [key, value] : j.items()) {
      std::string escaped;
      for (const char c : key) escaped += c == '~' ? "~0" : c == '/' ? "~1" : std::string(1, c);
      pointers_of(value, prefix + "/" + escaped, out);
    }
  } else if (j.is_array()) {
    for (std::size_t i = 0; i < j.size(); ++i) pointers_of(j[i], prefix + "/" + std::to_string(i), out);
  }
}

StatusCode code_of(const std::string& text, const std::string& pointer) {
  try {
    value_at(text, pointer);
  } catch (const Error& e) {
    return e.status().code();
  }
  return StatusCode::kOk;
}

const std::vector<std::string> kDocuments = {
    R"({"order": {"number": "SO-1", "lines": [{"sku": "A", "quantity": "1.50"}, {"sku": "B", "quantity": "2"}]},
        "warnings": [], "empty": {}, "n": -12, "u": 18446744073709551615, "f": 2.5e3, "t": true, "z": null})",
    R"([1, [2, [3, {"a": [4]}]], {"": {"": "empty keys"}}, "x"])",
    R"({"a/b": 1, "m~n": 2, "~1": 3, "é": "\u00e9", "q\"uote": "\"\\\n"})",
    R"("just a string")",
    R"(42)",
    R"({"deep": [[[[[[[[[[{"k": [null, false]}]]]]]]]]]]})",
};

TEST(JsonPointerTest, EveryValueOfADocumentIsTheOneTheTreeHasAtThatPointer) {
  for (const std::string& text : kDocuments) {
    const json tree = json::parse(text);
    std::vector<std::string> pointers;
    pointers_of(tree, "", pointers);
    for (const std::string& p : pointers) {
      EXPECT_EQ(value_at(text, p), tree.at(json::json_pointer(p))) << text << " at '" << p << "'";
    }
  }
}

TEST(JsonPointerTest, APointerThatNamesNothingIsNotFoundAsInTheTree) {
  const std::string text = kDocuments[0];
  const json tree = json::parse(text);
  // Beyond the ends, through a scalar, indexes as RFC 6901 does not write them, and keys that
  // differ only by case or escape.
  for (const std::string p : {"/nope", "/order/lines/2", "/order/lines/-", "/order/lines/01", "/order/lines/+1",
                              "/order/number/0", "/n/x", "/Order", "/order/lines/0/sku/x", "/warnings/0", "/empty/a"}) {
    EXPECT_FALSE(tree.contains(json::json_pointer(p))) << p;
    EXPECT_EQ(code_of(text, p), StatusCode::kNotFound) << p;
  }
}

TEST(JsonPointerTest, EscapedKeysAreFoundByTheirEscapes) {
  const std::string text = kDocuments[2];
  EXPECT_EQ(value_at(text, "/a~1b"), 1);
  EXPECT_EQ(value_at(text, "/m~0n"), 2);
  EXPECT_EQ(value_at(text, "/~01"), 3);  // "~01" is "~1" (not "/"): ~0 is undone last
  EXPECT_EQ(code_of(text, "/a/b"), StatusCode::kNotFound);
}

TEST(JsonPointerTest, AKeyGivenTwiceNamesItsLastValueAsInTheTree) {
  const std::string text = R"({"a": {"b": 1}, "x": [0], "a": {"c": 2}, "x": [5, 6]})";
  const json tree = json::parse(text);
  EXPECT_EQ(value_at(text, "/a"), tree.at("a"));
  EXPECT_EQ(value_at(text, "/a/c"), 2);
  EXPECT_EQ(code_of(text, "/a/b"), StatusCode::kNotFound);  // the first "a" is gone from the tree too
  EXPECT_EQ(value_at(text, "/x/1"), 6);
  EXPECT_EQ(value_at(text, "/x"), tree.at("x"));
}

TEST(JsonPointerTest, TextThatIsNotJsonIsRefusedEvenAfterTheValueWasRead) {
  for (const std::string text : {R"({"a": 1, "b": )", R"({"a": 1} trailing)", R"({"a": 1,})", "", R"({"a": "\x01"})"}) {
    EXPECT_THROW(value_at(text, "/a"), json::parse_error) << text;
  }
  // A number beyond a double: json::parse refuses it with out_of_range.
  EXPECT_THROW(value_at(R"({"a": 1, "b": 1e999})", "/a"), json::out_of_range);
}

TEST(JsonPointerTest, TextThatIsNotAPointerIsAnInvalidArgumentNamingThePointer) {
  for (const std::string p : {"a", "a/b", "/~", "/~2", "/a~"}) {
    try {
      value_at("{}", p);
      ADD_FAILURE() << p << " was taken for a pointer";
    } catch (const Error& e) {
      EXPECT_EQ(e.status().code(), StatusCode::kInvalidArgument) << p;
      EXPECT_NE(e.status().message().find("pointer"), std::string::npos) << e.status().message();
    }
  }
  EXPECT_EQ(pointer_tokens(""), std::vector<std::string>{});
  EXPECT_EQ(pointer_tokens("/"), std::vector<std::string>{""});
  EXPECT_EQ(pointer_tokens("/a~1b/~0/"), (std::vector<std::string>{"a/b", "~", ""}));
}

// Nesting is limited where the text is read, without recursion: 200,000 levels once overflowed
// the stack of the code that printed the value.
TEST(JsonPointerTest, TextNestedBeyondTheWiresLimitIsRefusedAndTheLimitItselfIsRead) {
  for (const std::size_t depth : {wire::kMaxNesting + 1, std::size_t{200000}}) {
    const std::string deep = std::string(depth, '[') + std::string(depth, ']');
    try {
      (void)value_at(deep, "/0");
      FAIL() << depth << " levels were read";
    } catch (const Error& e) {
      EXPECT_EQ(e.status().code(), StatusCode::kInvalidArgument);
      EXPECT_EQ(e.status().field(), "json");
      EXPECT_NE(e.status().message().find("deeper than 64 levels"), std::string::npos) << e.status().message();
      EXPECT_LT(e.status().message().size(), 300u);
    }
    EXPECT_THROW(wire::parse(deep.c_str(), "order"), Error);
  }
  const std::string limit = std::string(wire::kMaxNesting, '[') + std::string(wire::kMaxNesting, ']');
  EXPECT_EQ(value_at(limit, "/0/0").size(), 1u);
  EXPECT_EQ(wire::parse(limit.c_str(), "order").size(), 1u);
  // Brackets inside strings are text, not nesting.
  EXPECT_EQ(wire::parse(("[\"" + std::string(1000, '[') + "\"]").c_str(), "order").size(), 1u);
}

}  // namespace
}  // namespace oms::capi
