# mensura_add_library(NAME SOURCES ... [PUBLIC deps] [PRIVATE deps] [ITK] [NO_INSTALL])
# One library per concern (docs/architecture.md): src/NAME/*.cpp with its public headers under
# src/NAME/include/mensura/NAME/. A library sees only its own headers and those of the
# libraries it links, so an include that breaks the layering fails to compile;
# tests/check_layering.sh checks the same graph over the sources.
include(GNUInstallDirs)
set_property(GLOBAL PROPERTY MENSURA_INSTALLED_LIBRARIES "")

function(mensura_add_library name)
  cmake_parse_arguments(ARG "ITK;NO_INSTALL" "" "SOURCES;PUBLIC;PRIVATE" ${ARGN})
  string(REPLACE "-" "_" target "mensura_${name}")
  # Headers are listed too: AUTOMOC finds Q_OBJECT classes through them, and IDEs show them.
  file(GLOB_RECURSE headers CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*.h)
  add_library(${target} STATIC ${ARG_SOURCES} ${headers})
  add_library(mensura::${name} ALIAS ${target})
  set_target_properties(${target} PROPERTIES EXPORT_NAME ${name} OUTPUT_NAME mensura-${name}
                        POSITION_INDEPENDENT_CODE ON)
  target_include_directories(${target} PUBLIC $<BUILD_INTERFACE:${CMAKE_CURRENT_SOURCE_DIR}/include>
                                              $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}>)
  target_link_libraries(${target} PUBLIC ${ARG_PUBLIC} PRIVATE ${ARG_PRIVATE})
  if(ARG_ITK)
    # ITK stays inside .cpp files; its include paths are private.
    target_include_directories(${target} SYSTEM PRIVATE ${ITK_INCLUDE_DIRS})
    target_link_libraries(${target} PRIVATE ${ITK_LIBRARIES})
  endif()
  if(NOT ARG_NO_INSTALL)
    set_property(GLOBAL APPEND PROPERTY MENSURA_INSTALLED_LIBRARIES ${target})
    install(DIRECTORY ${CMAKE_CURRENT_SOURCE_DIR}/include/ DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
            COMPONENT development)
  endif()
endfunction()
