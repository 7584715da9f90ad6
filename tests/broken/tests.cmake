# The broken-input corpus (cases.tsv): damaged content, anatomy, model and replay files and bad
# command-line values, each run through the real painmap executable, which must exit with the
# expected code and message and never crash. Needs python3 (as tests/app does).
find_package(Python3 COMPONENTS Interpreter QUIET)
if(Python3_Interpreter_FOUND)
  add_test(NAME broken.cases
    COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/run.py ${PAINMAP_EXE}
    WORKING_DIRECTORY ${CMAKE_BINARY_DIR})
  set_tests_properties(broken.cases PROPERTIES
    ENVIRONMENT "${PAINMAP_TEST_ENV};SDL_VIDEODRIVER=offscreen" TIMEOUT 600)
endif()
