// An optional value kept on the heap: 8 bytes where it is absent, instead of the value's size.
//
// A trace holds one JobSpec per job for the whole run (10,000,000 in bench/month-1m.json), and
// most jobs lack the larger optional parts (a transformer description is 72 bytes; only model
// jobs have one). std::optional<T> takes sizeof(T) plus a flag whether set or not; this takes
// one pointer, and allocates only for jobs that have the value (docs/performance.md).
//
// It behaves as std::optional<T> does for what the code uses: test, dereference, assign a value
// or nullopt, emplace, reset, value copies on copy.
#pragma once

#include <memory>
#include <optional>
#include <utility>

namespace ppusim {

template <class T>
class BoxedOptional {
 public:
  BoxedOptional() = default;
  BoxedOptional(std::nullopt_t) {}  // NOLINT: implicit, as std::optional's
  BoxedOptional(const T& value) : value_(std::make_unique<T>(value)) {}        // NOLINT
  BoxedOptional(T&& value) : value_(std::make_unique<T>(std::move(value))) {}  // NOLINT
  BoxedOptional(const BoxedOptional& other) : value_(other ? std::make_unique<T>(*other) : nullptr) {}
  BoxedOptional(BoxedOptional&&) noexcept = default;

  BoxedOptional& operator=(const BoxedOptional& other) {
    if (this != &other) value_ = other ? std::make_unique<T>(*other) : nullptr;
    return *this;
  }
  BoxedOptional& operator=(BoxedOptional&&) noexcept = default;
  BoxedOptional& operator=(std::nullopt_t) {
    value_.reset();
    return *this;
  }
  BoxedOptional& operator=(const T& value) {
    emplace(value);
    return *this;
  }
  BoxedOptional& operator=(T&& value) {
    emplace(std::move(value));
    return *this;
  }

  template <class... Args>
  T& emplace(Args&&... args) {
    value_ = std::make_unique<T>(std::forward<Args>(args)...);
    return *value_;
  }
  void reset() { value_.reset(); }

  bool has_value() const { return value_ != nullptr; }
  explicit operator bool() const { return has_value(); }
  T& operator*() { return *value_; }
  const T& operator*() const { return *value_; }
  T* operator->() { return value_.get(); }
  const T* operator->() const { return value_.get(); }
  /// The value; throws std::bad_optional_access when there is none, as std::optional does.
  const T& value() const {
    if (!value_) throw std::bad_optional_access();
    return *value_;
  }

 private:
  std::unique_ptr<T> value_;
};

}  // namespace ppusim
