# The pacs subcommand (tools/pacs_cli.cpp) and mensura-pacs, a thin main over it.
add_library(mensura_pacs_cli STATIC ${CMAKE_CURRENT_LIST_DIR}/pacs_cli.cpp)
target_link_libraries(mensura_pacs_cli PUBLIC mensura::imaging CLI11::CLI11)
target_include_directories(mensura_pacs_cli PUBLIC ${CMAKE_CURRENT_LIST_DIR})
add_executable(mensura-pacs ${CMAKE_CURRENT_LIST_DIR}/mensura_pacs.cpp)
target_link_libraries(mensura-pacs PRIVATE mensura_pacs_cli)
