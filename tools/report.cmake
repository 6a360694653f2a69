# mensura-report: the report exports (FHIR, CSV, JSON, HTML, PDF). The dispatch lives in
# mensura_report_cli so that mensura-cli can call it too. HTML/PDF render key images with Qt Gui
# (viewer/report), so the tool exists only when the viewer layer is built.
if(MENSURA_BUILD_VIEWER)
  find_package(Qt6 6.4 REQUIRED COMPONENTS Gui)
  add_library(mensura_report_cli STATIC ${CMAKE_CURRENT_LIST_DIR}/report_cli.cpp)
  target_include_directories(mensura_report_cli PUBLIC ${CMAKE_CURRENT_LIST_DIR} ${PROJECT_SOURCE_DIR})
  target_link_libraries(mensura_report_cli PUBLIC mensura_report_render mensura::annotations Qt6::Gui)
  add_executable(mensura-report ${CMAKE_CURRENT_LIST_DIR}/mensura_report.cpp)
  target_link_libraries(mensura-report PRIVATE mensura_report_cli CLI11::CLI11)
endif()
