// Symbol visibility for the liboms C++ surface.
//
// The library is built with hidden visibility by default; only declarations marked OMS_API are
// exported from the shared library.
#ifndef OMS_EXPORT_H_
#define OMS_EXPORT_H_

#if defined(OMS_STATIC)
#define OMS_API
#elif defined(_WIN32)
#if defined(OMS_BUILDING_LIBRARY)
#define OMS_API __declspec(dllexport)
#else
#define OMS_API __declspec(dllimport)
#endif
#else
#define OMS_API __attribute__((visibility("default")))
#endif

// For classes that are also [[nodiscard]]: standard and GNU attributes cannot be mixed in one
// class head, so both go into one attribute list.
#if defined(OMS_STATIC) || defined(_WIN32)
#define OMS_NODISCARD_API_CLASS [[nodiscard]] OMS_API
#else
#define OMS_NODISCARD_API_CLASS [[nodiscard, gnu::visibility("default")]]
#endif

#endif  // OMS_EXPORT_H_
