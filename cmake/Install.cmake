# Installing Mensura: the programs (component runtime), the libraries with their headers and an
# exported CMake package (component development), and a Debian package through CPack
# (./mensura-dev package writes build/mensura_<version>_amd64.deb).
include(CMakePackageConfigHelpers)

get_property(mensura_libraries GLOBAL PROPERTY MENSURA_INSTALLED_LIBRARIES)
install(TARGETS ${mensura_libraries} EXPORT MensuraTargets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT development
        INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
set(MENSURA_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/Mensura)
install(EXPORT MensuraTargets NAMESPACE mensura:: DESTINATION ${MENSURA_CMAKE_DIR} COMPONENT development)
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/MensuraConfig.cmake.in
                              ${PROJECT_BINARY_DIR}/MensuraConfig.cmake INSTALL_DESTINATION ${MENSURA_CMAKE_DIR})
write_basic_package_version_file(${PROJECT_BINARY_DIR}/MensuraConfigVersion.cmake COMPATIBILITY SameMajorVersion)
install(FILES ${PROJECT_BINARY_DIR}/MensuraConfig.cmake ${PROJECT_BINARY_DIR}/MensuraConfigVersion.cmake
        DESTINATION ${MENSURA_CMAKE_DIR} COMPONENT development)

# The desktop entry and icon for the viewer; the licence and changelog for the package.
install(FILES ${PROJECT_SOURCE_DIR}/packaging/mensura.desktop DESTINATION ${CMAKE_INSTALL_DATADIR}/applications
        COMPONENT runtime)
install(FILES ${PROJECT_SOURCE_DIR}/packaging/mensura.svg
        DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps COMPONENT runtime)
install(FILES ${PROJECT_SOURCE_DIR}/LICENSE ${PROJECT_SOURCE_DIR}/CHANGELOG.md
        DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/mensura COMPONENT runtime)

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME mensura)
set(CPACK_PACKAGE_VENDOR "Mensura")
set(CPACK_PACKAGE_CONTACT "Mensura developers <mensura@example.invalid>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION science)
# The runtime libraries of Debian 12 that the programs link (shlibdeps reads them off the
# binaries, so the list follows the build, not a hand-kept copy).
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# Debug information stays in the build tree: the package is for running, not debugging.
set(CPACK_STRIP_FILES ON)
# Qt loads its platform plugins (xcb for the viewer, offscreen for the PDF report) at run time,
# so shlibdeps cannot see them.
set(CPACK_DEBIAN_PACKAGE_DEPENDS "qt6-qpa-plugins")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "libgl1-mesa-dri")
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION "Lesion measurement and annotation viewer for CT and MRI.
 Mensura loads DICOM series, measures lesions as reports state them (tri-axial size, longest
 diameter, short axis, volume, ROI values), keeps a structured case record and exports DICOM SR
 TID 1500, DICOM SEG, FHIR and a PDF report.")
# The .deb holds the programs; libraries and headers stay in the build tree (development).
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_ALL runtime)
set(CPACK_COMPONENTS_GROUPING ALL_COMPONENTS_IN_ONE)
set(CPACK_OUTPUT_FILE_PREFIX ${PROJECT_BINARY_DIR})
include(CPack)
