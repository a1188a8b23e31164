-- Drives a headless Neovim after the documented configuration (docs/editors.md, loaded as init.lua) has opened a
-- .iom file: waits for the language server's diagnostics, asks for completion at a position, writes what it got as
-- JSON to $IOM_NVIM_RESULT, and quits. Position: $IOM_NVIM_LINE / $IOM_NVIM_CHARACTER (0-based, LSP).
local out = os.getenv('IOM_NVIM_RESULT')
local result = { filetype = vim.bo.filetype, nvim = tostring(vim.version().major) .. '.' .. tostring(vim.version().minor) .. '.' .. tostring(vim.version().patch) }

local function finish()
  vim.fn.writefile({ vim.fn.json_encode(result) }, out)
  vim.cmd('qall!')
end

local ok, err = pcall(function()
  local bufnr = vim.api.nvim_get_current_buf()
  local got = vim.wait(60000, function() return #vim.diagnostic.get(bufnr) > 0 end, 50)
  result.diagnostics = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    local lsp = d.user_data and d.user_data.lsp or {}
    table.insert(result.diagnostics, { lnum = d.lnum, col = d.col, message = d.message, code = d.code or lsp.code, source = d.source })
  end
  result.waited_for_diagnostics = got
  result.clients = #vim.tbl_keys(vim.lsp.buf_get_clients(bufnr))
  local params = {
    textDocument = { uri = vim.uri_from_bufnr(bufnr) },
    position = { line = tonumber(os.getenv('IOM_NVIM_LINE')), character = tonumber(os.getenv('IOM_NVIM_CHARACTER')) },
  }
  local responses = vim.lsp.buf_request_sync(bufnr, 'textDocument/completion', params, 30000) or {}
  result.completion = {}
  for _, response in pairs(responses) do
    if response.err then result.completion_error = response.err.message end
    local items = response.result and (response.result.items or response.result) or {}
    for _, item in ipairs(items) do table.insert(result.completion, item.label) end
  end
end)
if not ok then result.error = tostring(err) end
finish()
