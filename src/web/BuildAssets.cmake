# Script mode (cmake -P): builds the front-end assets from npm packages.
#   -DROOT=<repository> -DOUT=<directory>
# Writes OUT/css/tafel.css (govuk-frontend's Sass with tafel's brand, web/scss) and
# OUT/js/htmx.min.js (htmx.org). Fails with a clear message when node_modules is
# missing, rather than with a cryptic "file not found".
set(sass "${ROOT}/node_modules/.bin/sass")
set(govuk "${ROOT}/node_modules/govuk-frontend/dist")
set(htmx "${ROOT}/node_modules/htmx.org/dist/htmx.min.js")
foreach(needed IN ITEMS "${sass}" "${govuk}/govuk/index.scss" "${htmx}")
  if(NOT EXISTS "${needed}")
    message(FATAL_ERROR "tafel: ${needed} is missing: the npm packages are not installed. Run `./run deps` in ${ROOT}, then build again.")
  endif()
endforeach()
find_program(NODE node)
if(NOT NODE)
  message(FATAL_ERROR "tafel: node is not installed, so the stylesheet cannot be compiled. Run `./run deps`, then build again.")
endif()

file(MAKE_DIRECTORY "${OUT}/css" "${OUT}/js")
execute_process(
  COMMAND "${sass}" --no-source-map --style=compressed --quiet-deps --silence-deprecation=import
          "--load-path=${govuk}" "${ROOT}/web/scss/tafel.scss" "${OUT}/css/tafel.css.tmp"
  RESULT_VARIABLE sass_result)
if(NOT sass_result EQUAL 0)
  message(FATAL_ERROR "tafel: compiling web/scss/tafel.scss failed (see above)")
endif()
# Only touch the outputs when they change, so an unchanged stylesheet does not
# re-embed and relink.
file(COPY_FILE "${OUT}/css/tafel.css.tmp" "${OUT}/css/tafel.css" ONLY_IF_DIFFERENT)
file(REMOVE "${OUT}/css/tafel.css.tmp")
file(COPY_FILE "${htmx}" "${OUT}/js/htmx.min.js" ONLY_IF_DIFFERENT)
