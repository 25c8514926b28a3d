# Installation and packaging: the binary (installed by the top-level CMakeLists.txt), a man page
# generated from `iamlint check --help` (at install time, so that the paths it names are those of
# the prefix installed to), the documentation, and a .deb built with CPack:
#   cmake --install build [--prefix /usr/local]
#   (cd build && cpack -G DEB)        -> build/iamlint_<version>_<arch>.deb

include(GNUInstallDirs)
find_package(Python3 COMPONENTS Interpreter)
if(Python3_Interpreter_FOUND)
  set(IAMLINT_MANPAGE ${PROJECT_BINARY_DIR}/iamlint.1)
  add_custom_command(
    OUTPUT ${IAMLINT_MANPAGE}
    COMMAND ${Python3_EXECUTABLE} ${PROJECT_SOURCE_DIR}/tools/gen-manpage $<TARGET_FILE:iamlint> ${IAMLINT_MANPAGE}
    DEPENDS iamlint ${PROJECT_SOURCE_DIR}/tools/gen-manpage
    COMMENT "Generating the iamlint(1) man page from --help"
    VERBATIM)
  add_custom_target(iamlint_manpage ALL DEPENDS ${IAMLINT_MANPAGE})
  # Regenerated for the prefix being installed to (`cmake --install --prefix P` or CPack's /usr)
  # and compressed as Debian policy wants; gzip -n keeps the bytes reproducible.
  install(CODE "
    set(docdir \"\${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_DOCDIR}\")
    set(page \"${PROJECT_BINARY_DIR}/install-man/iamlint.1\")
    file(MAKE_DIRECTORY \"${PROJECT_BINARY_DIR}/install-man\")
    execute_process(COMMAND \"${Python3_EXECUTABLE}\" \"${PROJECT_SOURCE_DIR}/tools/gen-manpage\"
                            \"$<TARGET_FILE:iamlint>\" \"\${page}\" --docdir \"\${docdir}\"
                    RESULT_VARIABLE rc)
    if(NOT rc EQUAL 0)
      message(FATAL_ERROR \"tools/gen-manpage failed\")
    endif()
    execute_process(COMMAND gzip -9nf \"\${page}\" RESULT_VARIABLE rc)
    if(NOT rc EQUAL 0)
      message(FATAL_ERROR \"gzip failed\")
    endif()
    file(INSTALL \"\${page}.gz\" DESTINATION \"\${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_MANDIR}/man1\"
         PERMISSIONS OWNER_READ OWNER_WRITE GROUP_READ WORLD_READ)
  " COMPONENT iamlint)
else()
  message(WARNING "python3 not found: the iamlint(1) man page will not be generated or installed")
endif()

install(FILES ${PROJECT_SOURCE_DIR}/README.md DESTINATION ${CMAKE_INSTALL_DOCDIR} OPTIONAL)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/docs/ DESTINATION ${CMAKE_INSTALL_DOCDIR} FILES_MATCHING PATTERN "*.md")
install(FILES ${PROJECT_SOURCE_DIR}/.pre-commit-hooks.yaml DESTINATION ${CMAKE_INSTALL_DOCDIR}/examples
        RENAME pre-commit-hooks.yaml OPTIONAL)
# `iamlint data update` runs the same generator that wrote the built-in data.
install(PROGRAMS ${PROJECT_SOURCE_DIR}/tools/update-iamdata DESTINATION ${CMAKE_INSTALL_DATADIR}/iamlint)
# Debian wants a copyright file and a compressed changelog in the documentation directory.
install(FILES ${PROJECT_SOURCE_DIR}/cmake/debian/copyright DESTINATION ${CMAKE_INSTALL_DOCDIR})
add_custom_command(
  OUTPUT ${PROJECT_BINARY_DIR}/changelog.gz
  COMMAND gzip -9nc ${PROJECT_SOURCE_DIR}/cmake/debian/changelog > ${PROJECT_BINARY_DIR}/changelog.gz
  DEPENDS ${PROJECT_SOURCE_DIR}/cmake/debian/changelog
  VERBATIM)
add_custom_target(iamlint_changelog ALL DEPENDS ${PROJECT_BINARY_DIR}/changelog.gz)
install(FILES ${PROJECT_BINARY_DIR}/changelog.gz DESTINATION ${CMAKE_INSTALL_DOCDIR})

set(CPACK_PACKAGE_NAME iamlint)
set(CPACK_PACKAGE_VENDOR "iamlint")
set(CPACK_PACKAGE_CONTACT "iamlint maintainers <iamlint@users.noreply.github.com>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "fast offline static analyzer for AWS IAM policies in CloudFormation templates")
# Lines under 80 columns (lintian: extended-description-line-too-long).
set(CPACK_PACKAGE_DESCRIPTION "iamlint lints CloudFormation templates and IAM policy documents:
grammar, unknown actions, ARN and resource-type mismatches, risky permissions
and requirement profiles. It reports as text, JSON, SARIF 2.1.0, JUnit XML
and GitHub annotations, fixes what is certain, serves editors over the
Language Server Protocol, and needs no network.")
set(CPACK_PACKAGE_HOMEPAGE_URL "https://github.com/iamlint/iamlint")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
# Shared-library dependencies (libyaml, boost program_options, ...) are found by dpkg-shlibdeps.
find_program(IAMLINT_DPKG_SHLIBDEPS dpkg-shlibdeps)
if(IAMLINT_DPKG_SHLIBDEPS)
  set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
else()
  set(CPACK_DEBIAN_PACKAGE_DEPENDS "libyaml-0-2, libboost-program-options1.74.0, libstdc++6, libc6")
endif()
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "pre-commit")
# python3 runs `iamlint data update` (share/iamlint/update-iamdata); linting needs no Python.
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "python3")
set(CPACK_INSTALL_CMAKE_PROJECTS "${PROJECT_BINARY_DIR};iamlint;iamlint;/")
include(CPack)
