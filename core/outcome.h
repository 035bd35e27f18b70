#pragma once

#include "error.h"

#include <optional>
#include <utility>

namespace Litehouse {

/// A value or an Error: what every asynchronous operation resolves to.
template<typename T>
class Outcome
{
public:
    /// An empty outcome is an error: nothing may resolve silently.
    Outcome() : m_error(Error::Kind::Closed, QStringLiteral("operation produced no result")) {}
    Outcome(T value) : m_value(std::move(value)) {}
    Outcome(Error error) : m_error(std::move(error)) {}

    bool ok() const { return m_value.has_value(); }
    explicit operator bool() const { return ok(); }
    /// The value; reading it from an error is a bug, and stops the program
    /// with the error's message rather than reading what is not there.
    const T &value() const { checked(); return *m_value; }
    T &value() { checked(); return *m_value; }
    T take() { checked(); return std::move(*m_value); }
    const Error &error() const { return m_error; }

private:
    void checked() const
    {
        if (Q_UNLIKELY(!m_value))
            qFatal("Outcome::value() read from an error: %s", qPrintable(m_error.message()));
    }

    std::optional<T> m_value;
    Error m_error;
};

/// For operations that produce nothing but success or an Error.
struct Done {};

} // namespace Litehouse
