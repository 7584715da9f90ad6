# The info commands (painmap list / query / check-content) live in src/app/cmd_info.c, which
# is part of the painmap executable, not painmap_core: this test compiles it in directly and
# runs it in-process through app_info_run.
add_executable(test_info_cli ${CMAKE_CURRENT_LIST_DIR}/info_cli.c
  ${PROJECT_SOURCE_DIR}/src/app/cmd_info.c)
painmap_target_defaults(test_info_cli)
target_link_libraries(test_info_cli PRIVATE painmap_core PkgConfig::CMOCKA)
add_test(NAME info.cli COMMAND test_info_cli WORKING_DIRECTORY ${CMAKE_BINARY_DIR})
set_tests_properties(info.cli PROPERTIES ENVIRONMENT "${PAINMAP_TEST_ENV}")

# The same commands through the real executable (main.c dispatches them to app_info_main).
add_test(NAME info.cli_exe COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/cli_exe.sh ${PAINMAP_EXE}
  WORKING_DIRECTORY ${CMAKE_BINARY_DIR})
set_tests_properties(info.cli_exe PROPERTIES ENVIRONMENT "${PAINMAP_TEST_ENV}")
