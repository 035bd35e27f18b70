# KSyntaxHighlighting for Qt 6: a distribution KF6 package where there is one,
# else the KF5 5.116 build made for Qt 6 by scripts/deps.sh into a private
# prefix passed in CMAKE_PREFIX_PATH. Defines the target litehouse::syntax.
find_package(KF6SyntaxHighlighting QUIET)
if(TARGET KF6::SyntaxHighlighting)
  add_library(litehouse::syntax ALIAS KF6::SyntaxHighlighting)
  set(LITEHOUSE_SYNTAX_PROVIDER "KF6 ${KF6SyntaxHighlighting_VERSION}")
else()
  find_package(KF5SyntaxHighlighting 5.100 QUIET)
  if(TARGET KF5::SyntaxHighlighting)
    # Debian's own KF5 build links Qt 5 and must not be mixed into a Qt 6 program.
    get_target_property(_ksh_links KF5::SyntaxHighlighting INTERFACE_LINK_LIBRARIES)
    if(NOT "${_ksh_links}" MATCHES "Qt6::")
      message(FATAL_ERROR
        "Found KSyntaxHighlighting at ${KF5SyntaxHighlighting_DIR}, but it is built for Qt 5.\n"
        "Run scripts/deps.sh (or `make build`) to build it for Qt 6 into a private prefix, "
        "or install libkf6syntaxhighlighting-dev where your distribution has it.")
    endif()
    add_library(litehouse::syntax ALIAS KF5::SyntaxHighlighting)
    set(LITEHOUSE_SYNTAX_PROVIDER "KF5 ${KF5SyntaxHighlighting_VERSION} built for Qt 6")
    # The static build (scripts/deps.sh with LITEHOUSE_KSH_STATIC=1, for the
    # .deb) links Qt6::Network privately, but its CMake config does not
    # find it.
    get_target_property(_ksh_type KF5::SyntaxHighlighting TYPE)
    if(_ksh_type STREQUAL "STATIC_LIBRARY")
      find_package(Qt6 6.4 REQUIRED COMPONENTS Network)
      string(APPEND LITEHOUSE_SYNTAX_PROVIDER ", static")
    endif()
  endif()
endif()
if(NOT TARGET litehouse::syntax)
  message(FATAL_ERROR
    "KSyntaxHighlighting for Qt 6 was not found. It is required.\n"
    "Install libkf6syntaxhighlighting-dev (Debian 13+, Ubuntu 24.04+), or run scripts/deps.sh, "
    "which builds it for Qt 6 on Debian 12, and pass the prefix it prints in CMAKE_PREFIX_PATH "
    "(`make build` does both).")
endif()
message(STATUS "KSyntaxHighlighting: ${LITEHOUSE_SYNTAX_PROVIDER}")
