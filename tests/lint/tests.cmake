# Checks of the source tree itself (not of a built program).
add_test(NAME lint.includes
  COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/lint/check_includes.sh ${PROJECT_SOURCE_DIR})
add_test(NAME lint.headers
  COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/lint/check_headers.sh ${PROJECT_SOURCE_DIR}
          ${CMAKE_C_COMPILER})
add_test(NAME lint.format
  COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/lint/check_format.sh ${PROJECT_SOURCE_DIR})
add_test(NAME lint.ui_keys
  COMMAND python3 ${CMAKE_CURRENT_SOURCE_DIR}/lint/check_ui_keys.py ${PROJECT_SOURCE_DIR})
