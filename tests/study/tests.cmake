# painmap quiz through the real executable: deterministic per seed, valid JSON, exit codes.
add_test(NAME study.quiz_cli COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/quiz_cli.sh ${PAINMAP_EXE}
  WORKING_DIRECTORY ${CMAKE_BINARY_DIR})
set_tests_properties(study.quiz_cli PROPERTIES ENVIRONMENT "${PAINMAP_TEST_ENV}")
