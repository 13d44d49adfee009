#include "json_pointer.h"

#include <cstddef>
#include <optional>

#include "oms/status.h"
#include "wire.h"

namespace oms::capi {
namespace {

using json = nlohmann::ordered_json;

// Follows the events of one parse and keeps the value at the pointer's path.
//
// Each open container outside the wanted value has a frame: whether it lies on the path, and
// what its next value is called (the key just read, or the array index). A value whose level
// equals the path's length, reached on the path, is the one wanted: a scalar is kept as it is,
// a container is built from the events until it closes (`building_`, innermost last).
class Reader final : public nlohmann::json_sax<json> {
 public:
  Reader(std::string_view text, const std::vector<std::string>& path) : text_(text), path_(path) {}

  bool null() override { return scalar(nullptr); }
  bool boolean(bool value) override { return scalar(value); }
  bool number_integer(number_integer_t value) override { return scalar(value); }
  bool number_unsigned(number_unsigned_t value) override { return scalar(value); }
  bool number_float(number_float_t value, const string_t& /*text*/) override { return scalar(value); }
  bool string(string_t& value) override { return scalar(value); }
  bool binary(binary_t& value) override { return scalar(value); }  // not in JSON text

  bool start_object(std::size_t /*elements*/) override { return open(json::object()); }
  bool start_array(std::size_t /*elements*/) override { return open(json::array()); }
  bool end_object() override { return close(); }
  bool end_array() override { return close(); }

  bool key(string_t& key) override {
    if (!building_.empty()) {
      key_ = key;
      return true;
    }
    Frame& f = frames_.back();
    const std::size_t level = frames_.size() - 1;  // of the path token that names this member
    f.next_on_path = f.on_path && level < path_.size() && key == path_[level];
    // A key given twice: its last value replaces the first, with all that was found in it.
    if (f.next_on_path) found_.reset();
    return true;
  }

  bool parse_error(std::size_t /*position*/, const std::string& /*last_token*/,
                   const nlohmann::detail::exception& e) override {
    // Thrown as json::parse throws it (a parse_error, or out_of_range for a number beyond a
    // double), for the caller to word as for any other JSON argument.
    if (const auto* syntax = dynamic_cast<const nlohmann::detail::parse_error*>(&e)) throw *syntax;
    if (const auto* range = dynamic_cast<const nlohmann::detail::out_of_range*>(&e)) throw *range;
    throw e;
  }

  std::optional<json>& found() { return found_; }

 private:
  struct Frame {
    bool array;
    bool on_path;
    bool next_on_path = false;  // objects: the member whose key was just read
    std::size_t next_index = 0;  // arrays
  };

  // Whether the value starting now lies on the path (its index is counted either way).
  bool arriving_on_path() {
    if (frames_.empty()) return true;  // the whole text
    Frame& f = frames_.back();
    if (!f.array) return f.next_on_path;
    const std::size_t index = f.next_index++;
    const std::size_t level = frames_.size() - 1;
    return f.on_path && level < path_.size() && path_[level] == std::to_string(index);
  }
  bool wanted(bool on_path) const { return on_path && frames_.size() == path_.size(); }

  // A value is made only where it is kept: most of the text is passed over.
  template <class V>
  bool scalar(const V& value) {
    if (!building_.empty()) {
      add(json(value));
    } else if (wanted(arriving_on_path())) {
      found_ = json(value);
    }
    return true;
  }
  bool open(json container) {
    if (frames_.size() + building_.size() >= wire::kMaxNesting) wire::refuse_nesting(text_, "json");
    const bool array = container.is_array();
    if (!building_.empty()) {
      building_.push_back(&add(std::move(container)));
    } else if (const bool on_path = arriving_on_path(); wanted(on_path)) {
      found_ = std::move(container);
      building_.push_back(&*found_);
    } else {
      frames_.push_back({array, on_path});
    }
    return true;
  }
  bool close() {
    if (!building_.empty()) {
      building_.pop_back();
    } else {
      frames_.pop_back();
    }
    return true;
  }
  // Adds `value` to the container being built; the reference stays valid while `value` is
  // filled, because its container takes nothing else until then.
  json& add(json value) {
    json& into = *building_.back();
    if (into.is_array()) {
      into.push_back(std::move(value));
      return into.back();
    }
    json& member = into[key_];  // a key given twice: the last value wins
    member = std::move(value);
    return member;
  }

  std::string_view text_;
  const std::vector<std::string>& path_;
  std::vector<Frame> frames_;
  std::vector<json*> building_;
  std::string key_;
  std::optional<json> found_;
};

}  // namespace

std::vector<std::string> pointer_tokens(std::string_view pointer) {
  auto refuse = [&] {
    throw Error(Status::InvalidArgument("pointer", pointer, "is not a JSON pointer (e.g. \"/lines/0/sku\")"));
  };
  if (!pointer.empty() && pointer.front() != '/') refuse();
  std::vector<std::string> tokens;
  for (std::size_t at = 0; at < pointer.size();) {  // pointer[at] is the '/' before a token
    std::string token;
    std::size_t i = at + 1;
    for (; i < pointer.size() && pointer[i] != '/'; ++i) {
      if (pointer[i] != '~') {
        token += pointer[i];
      } else if (i + 1 < pointer.size() && (pointer[i + 1] == '0' || pointer[i + 1] == '1')) {
        token += pointer[++i] == '0' ? '~' : '/';
      } else {
        refuse();
      }
    }
    tokens.push_back(std::move(token));
    at = i;
  }
  return tokens;
}

json value_at(std::string_view text, std::string_view pointer) {
  const std::vector<std::string> path = pointer_tokens(pointer);
  Reader reader(text, path);
  json::sax_parse(text, &reader);
  if (!reader.found()) throw Error(Status::NotFound("pointer", pointer));
  return std::move(*reader.found());
}

}  // namespace oms::capi
