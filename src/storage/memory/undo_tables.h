// Internal: the undoable tables of the in-memory adapter. Each write keeps the old value of the
// key it changed, so that a rollback puts everything back, newest first.
#ifndef OMS_SRC_STORAGE_MEMORY_UNDO_TABLES_H_
#define OMS_SRC_STORAGE_MEMORY_UNDO_TABLES_H_

#include <algorithm>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "oms/billing.h"

namespace oms::internal {

// What a write transaction changed, so that a rollback can put it back. Each table keeps the
// old values of the keys it changed in a typed journal of its own (no closure allocated per
// write, as a std::function per step did) and undoes them newest first; the log only records
// which table each write went to.
class UndoLog {
 public:
  // An operation writes up to a few dozen entries: room for them is taken once, not in the six
  // steps by which the vector would double.
  UndoLog() { writes_.reserve(64); }

  class Journal {
   public:
    virtual void undo_last() = 0;  // puts back the old value of the table's newest write
    virtual void forget() = 0;     // the writes are committed: drops the old values
   protected:
    ~Journal() = default;
  };

  void wrote(Journal& table) { writes_.push_back(&table); }
  void rollback() {
    for (auto it = writes_.rbegin(); it != writes_.rend(); ++it) (*it)->undo_last();
    writes_.clear();
  }
  void clear() {
    for (Journal* j : writes_) j->forget();
    writes_.clear();
  }

 private:
  std::vector<Journal*> writes_;
};

// An ordered map whose writes are undoable. Not copyable: the undo log points at it.
template <class K, class V>
class Table final : public UndoLog::Journal {
 public:
  Table() = default;
  Table(const Table&) = delete;
  Table& operator=(const Table&) = delete;

  const V* find(const K& key) const {
    auto it = map_.find(key);
    return it == map_.end() ? nullptr : &it->second;
  }
  std::optional<V> get(const K& key) const {
    const V* v = find(key);
    return v ? std::optional<V>(*v) : std::nullopt;
  }
  void put(const K& key, V value, UndoLog& log) {
    auto it = map_.lower_bound(key);
    if (it != map_.end() && !(key < it->first)) {
      // The old value moves into the journal: no copy of it is made.
      old_.emplace_back(key, std::move(it->second));
      it->second = std::move(value);
    } else {
      old_.emplace_back(key, std::nullopt);
      map_.emplace_hint(it, key, std::move(value));
    }
    log.wrote(*this);
  }
  void erase(const K& key, UndoLog& log) {
    auto it = map_.find(key);
    if (it == map_.end()) return;
    old_.emplace_back(key, std::move(it->second));
    map_.erase(it);
    log.wrote(*this);
  }
  const std::map<K, V>& all() const { return map_; }
  // Entries whose key is in [lo, hi).
  template <class F>
  void range(const K& lo, const K& hi, F&& f) const {
    for (auto it = map_.lower_bound(lo); it != map_.end() && it->first < hi; ++it) f(it->second);
  }

  void undo_last() override {
    auto& [key, old] = old_.back();
    if (old) {
      map_.insert_or_assign(key, std::move(*old));
    } else {
      map_.erase(key);
    }
    old_.pop_back();
  }
  void forget() override { old_.clear(); }

 private:
  std::map<K, V> map_;
  std::vector<std::pair<K, std::optional<V>>> old_;  // per write: the key and its value before (none: absent)
};

// Documents (shipments, invoices, ...): by id, with indexes by number, by customer and, for
// documents with a state, by state, so that listing the open ones does not walk every document
// ever stored.
template <class V>
class DocumentTable {
 public:
  static constexpr bool kHasState = requires(const V& v) { v.state; };

  const V* find(std::int64_t id) const { return docs_.find(id); }
  const V* find(std::string_view number) const {
    const std::int64_t* id = by_number_.find(std::string(number));
    return id ? docs_.find(*id) : nullptr;
  }
  void put(const V& v, UndoLog& log) {
    const std::int64_t id = v.id.value;
    const V* old = docs_.find(id);
    if (!old || old->number != v.number) {
      if (old) by_number_.erase(old->number, log);
      by_number_.put(v.number, id, log);
    }
    if (!old || old->customer != v.customer) {
      if (old) by_customer_.erase({old->customer.value, id}, log);
      by_customer_.put({v.customer.value, id}, 1, log);
    }
    if constexpr (kHasState) {
      if (!old || old->state != v.state) {
        if (old) by_state_.erase({static_cast<int>(old->state), id}, log);
        by_state_.put({static_cast<int>(v.state), id}, 1, log);
      }
    }
    docs_.put(id, v, log);
  }
  // The documents of `customer` (all when it is 0) in one of `states` (any when empty) that
  // `keep` accepts, in id order.
  template <class S, class F>
  std::vector<V> list(std::int64_t customer, const std::vector<S>& states, std::size_t limit, F&& keep) const {
    std::vector<V> out;
    auto consider = [&](const V& v) {
      if ((limit == 0 || out.size() < limit) && keep(v)) out.push_back(v);
    };
    if (customer != 0) {
      for (auto it = by_customer_.all().lower_bound({customer, 0});
           it != by_customer_.all().end() && it->first.first == customer; ++it) {
        consider(*docs_.find(it->first.second));
      }
    } else if (kHasState && !states.empty()) {
      std::vector<std::int64_t> ids;
      for (const S state : states) {
        const int key = static_cast<int>(state);
        for (auto it = by_state_.all().lower_bound({key, 0}); it != by_state_.all().end() && it->first.first == key; ++it) {
          ids.push_back(it->first.second);
        }
      }
      std::sort(ids.begin(), ids.end());
      ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
      for (const std::int64_t id : ids) consider(*docs_.find(id));
    } else {
      for (const auto& [id, v] : docs_.all()) consider(v);
    }
    return out;
  }
  template <class F>
  std::vector<V> list(std::int64_t customer, std::size_t limit, F&& keep) const {
    return list(customer, std::vector<int>{}, limit, std::forward<F>(keep));
  }

 private:
  Table<std::int64_t, V> docs_;
  Table<std::string, std::int64_t> by_number_;
  Table<std::pair<std::int64_t, std::int64_t>, char> by_customer_;
  Table<std::pair<int, std::int64_t>, char> by_state_;  // (state, id), documents with a state only
};

// Links by one of their documents: for each (kind, number), its links in the order they were
// written. Hashed, not ordered: a document's links are only ever read all together, and an ordered
// key of (kind, number, link) compared long, alike numbers all the way down a deep tree on every
// write. The number in a key is a view of the text of the document's first link in State::links,
// whose map node neither moves nor changes while the link exists. A rollback takes a link's
// entries away before the link itself (newest write first), and a key goes with its last entry,
// so a key never outlives the text it views.
class LinkIndex final : public UndoLog::Journal {
 public:
  using Key = std::pair<int, std::string_view>;

  LinkIndex() = default;
  LinkIndex(const LinkIndex&) = delete;
  LinkIndex& operator=(const LinkIndex&) = delete;

  // `d` must be a document of the link `link` as kept in State::links. Out of memory, the index
  // is left as it was: a key that no rollback would take away could outlive the text it views.
  void add(const DocumentRef& d, std::int64_t link, UndoLog& log) {
    added_.reserve(added_.size() + 1);
    auto [it, fresh] = map_.try_emplace(key(d));
    try {
      it->second.push_back(link);
    } catch (...) {
      if (fresh) map_.erase(it);
      throw;
    }
    added_.push_back(it->first);  // room taken above
    try {
      log.wrote(*this);
    } catch (...) {
      undo_last();
      throw;
    }
  }
  // The links of `d`, oldest first (none: null).
  const std::vector<std::int64_t>* find(DocumentKind kind, std::string_view number) const {
    auto it = map_.find(Key{static_cast<int>(kind), number});
    return it == map_.end() ? nullptr : &it->second;
  }

  void undo_last() override {
    auto it = map_.find(added_.back());
    it->second.pop_back();
    if (it->second.empty()) map_.erase(it);
    added_.pop_back();
  }
  void forget() override { added_.clear(); }

 private:
  static Key key(const DocumentRef& d) { return {static_cast<int>(d.kind), d.number}; }
  struct Hash {
    std::size_t operator()(const Key& k) const noexcept {
      return std::hash<std::string_view>{}(k.second) ^ static_cast<std::size_t>(k.first);
    }
  };

  std::unordered_map<Key, std::vector<std::int64_t>, Hash> map_;
  std::vector<Key> added_;  // per write: the document a link was added to
};
}  // namespace oms::internal

#endif  // OMS_SRC_STORAGE_MEMORY_UNDO_TABLES_H_
