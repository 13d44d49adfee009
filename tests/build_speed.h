// How many times slower than a normal build this test build runs. The few tests with a time
// limit (a writer must get the file within its busy timeout, soon after it is let go) scale it
// by this, so that a sanitizer build sharing two cores with other tests does not fail them; the
// normal build keeps the tight limits that tell a fix from its absence.
#ifndef OMS_TESTS_BUILD_SPEED_H_
#define OMS_TESTS_BUILD_SPEED_H_

namespace oms::testing {

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
inline constexpr int kSlowerBy = 20;
#else
inline constexpr int kSlowerBy = 1;
#endif

}  // namespace oms::testing

#endif  // OMS_TESTS_BUILD_SPEED_H_
